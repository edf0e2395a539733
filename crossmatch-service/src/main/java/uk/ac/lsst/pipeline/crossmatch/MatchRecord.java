package uk.ac.lsst.pipeline.crossmatch;

import java.util.Map;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.match.SourceMatch;

/**
 * One catalogue source near an alert, as published in JSON.
 *
 * @param catalogue        the catalogue's name from the settings
 * @param sourceId         the source's id in that catalogue, as text (integers too, so that no language rounds
 *                         them)
 * @param separationArcsec angular separation from the alert, arcseconds
 * @param type             the source's type / class as the catalogue writes it (SDSS: STAR, GALAXY, QSO), or null
 * @param raDeg            the source's right ascension, degrees
 * @param decDeg           the source's declination, degrees
 * @param columns          the carried columns of the source (name to number, text or null)
 */
public record MatchRecord(String catalogue, String sourceId, double separationArcsec, String type, double raDeg,
                          double decDeg, Map<String, Object> columns) {

    public static MatchRecord of(SourceMatch match) {
        Catalogue c = match.catalogue().catalogue();
        int i = match.index();
        return new MatchRecord(c.name(), c.id(i), match.separationArcsec(), c.type(i), c.raDeg(i), c.decDeg(i),
                c.carried(i));
    }
}
