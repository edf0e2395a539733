package uk.ac.lsst.pipeline.sky;

/** Receives the matches of one sky-index query. */
@FunctionalInterface
public interface MatchConsumer {

    /**
     * @param index         the position of the matched entry in the arrays the index was built from
     * @param separationDeg the exact angular separation between the query position and the entry, in degrees
     */
    void accept(int index, double separationDeg);
}
