package uk.ac.lsst.pipeline.crossmatch.match;

import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;

/**
 * One catalogue source found near a position.
 *
 * @param catalogue        the catalogue (the snapshot it was found in, so later reads see the same data)
 * @param index            the source's index in the catalogue
 * @param separationArcsec exact angular separation from the position, arcseconds
 */
public record SourceMatch(IndexedCatalogue catalogue, int index, double separationArcsec) {

    public SourceKind kind() {
        return catalogue.catalogue().kind(index);
    }

    public String sourceId() {
        return catalogue.catalogue().id(index);
    }
}
