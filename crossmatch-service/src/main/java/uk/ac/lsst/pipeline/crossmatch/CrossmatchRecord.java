package uk.ac.lsst.pipeline.crossmatch;

import java.util.List;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;

/**
 * The result for one alert, published as JSON on the crossmatch topic, keyed by object id. Missing numbers are
 * written as null.
 *
 * @param survey         ZTF or RUBIN
 * @param alertId        ZTF candid / Rubin diaSourceId
 * @param objectId       ZTF objectId / Rubin diaObjectId (the record key)
 * @param raDeg          the alert's right ascension, degrees (ICRS)
 * @param decDeg         the alert's declination, degrees (ICRS)
 * @param mjd            time of the observation, MJD
 * @param band           photometric band
 * @param magnitude      PSF magnitude, or null
 * @param classification VS, AGN, NT, SN, ORPHAN or UNCLEAR
 * @param matches        every catalogue source within its catalogue's radius, nearest first
 */
public record CrossmatchRecord(String survey, long alertId, String objectId, double raDeg, double decDeg,
                               double mjd, String band, double magnitude, String classification,
                               List<MatchRecord> matches) {

    public CrossmatchRecord {
        matches = List.copyOf(matches);
    }

    public static CrossmatchRecord of(Alert alert, MatchOutcome outcome) {
        return new CrossmatchRecord(alert.survey().name(), alert.alertId(), alert.objectId(), alert.raDeg(),
                alert.decDeg(), alert.mjd(), alert.band(), alert.magnitude(), outcome.classification().name(),
                outcome.matches().stream().map(MatchRecord::of).toList());
    }
}
