package uk.ac.lsst.pipeline.sky;

/**
 * An immutable index of cones (sky positions each with its own radius, e.g. watch-list sources) answering: which
 * cones contain this position? Held in primitive arrays. Thread-safe once built.
 */
public final class ConeIndex {

    private ConeIndex() {
    }

    /**
     * @param raDeg     cone centres, right ascension in degrees, [0, 360)
     * @param decDeg    cone centres, declination in degrees, [-90, 90]
     * @param radiusDeg cone radii in degrees, (0, 1] (0.1 arcsec to 1 degree in practice)
     * @throws IllegalArgumentException for arrays of different lengths or a bad value, naming the first bad index
     */
    public static ConeIndex build(double[] raDeg, double[] decDeg, double[] radiusDeg) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    public int size() {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /**
     * Calls {@code consumer} once for every cone whose centre is within its radius of (raDeg, decDeg) (boundary
     * included), with the exact separation from the centre.
     */
    public void query(double raDeg, double decDeg, MatchConsumer consumer) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
