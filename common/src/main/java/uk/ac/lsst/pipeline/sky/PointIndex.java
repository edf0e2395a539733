package uk.ac.lsst.pipeline.sky;

/**
 * An immutable index of sky positions (a catalogue) for cone searches: every entry within a radius of a query
 * position, with the exact separation. Positions are held in primitive arrays (no object per entry).
 * Thread-safe once built: any number of threads may query it.
 */
public final class PointIndex {

    private PointIndex() {
    }

    /**
     * @param raDeg  right ascensions in degrees, [0, 360)
     * @param decDeg declinations in degrees, [-90, 90]; same length as {@code raDeg}
     * @param maxRadiusDeg the largest radius queries will use (lets the index choose its cell size)
     * @throws IllegalArgumentException for arrays of different lengths or any non-finite / out-of-range position,
     *                                  naming the first bad index
     */
    public static PointIndex build(double[] raDeg, double[] decDeg, double maxRadiusDeg) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public int size() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Calls {@code consumer} once for every entry whose separation from (raDeg, decDeg) is at most
     * {@code radiusDeg} (boundary included), in no particular order. A radius above the build's maxRadiusDeg is
     * allowed (slower).
     */
    public void query(double raDeg, double decDeg, double radiusDeg, MatchConsumer consumer) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
