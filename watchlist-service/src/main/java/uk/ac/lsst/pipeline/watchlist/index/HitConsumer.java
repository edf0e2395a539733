package uk.ac.lsst.pipeline.watchlist.index;

/** Receives the watch-list sources that one position falls within. */
@FunctionalInterface
public interface HitConsumer {

    /**
     * @param list          the watch list
     * @param source        index of the source in {@code list}
     * @param separationDeg angular separation of the position from the source, degrees
     */
    void accept(ActiveWatchlist list, int source, double separationDeg);
}
