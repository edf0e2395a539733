package uk.ac.lsst.pipeline.sky;

/** Argument checks and sizes shared by the sky indexes. Stateless and thread-safe. */
final class Positions {

    private Positions() {
    }

    /**
     * Checks that both arrays have the same length and hold RA in [0, 360) and Dec in [-90, 90] degrees.
     *
     * @throws IllegalArgumentException naming {@code owner} and the first bad index
     */
    static void check(String owner, double[] raDeg, double[] decDeg) {
        if (raDeg.length != decDeg.length) {
            throw new IllegalArgumentException(owner + ": raDeg has " + raDeg.length + " entries but decDeg has "
                    + decDeg.length);
        }
        for (int i = 0; i < raDeg.length; i++) {
            if (!isRa(raDeg[i])) {
                throw new IllegalArgumentException(owner + ": raDeg[" + i + "] = " + raDeg[i]
                        + " is outside [0, 360)");
            }
            if (!isDec(decDeg[i])) {
                throw new IllegalArgumentException(owner + ": decDeg[" + i + "] = " + decDeg[i]
                        + " is outside [-90, 90]");
            }
        }
    }

    /** @throws IllegalArgumentException naming {@code owner} when a query position is not finite or out of range */
    static void checkQuery(String owner, double raDeg, double decDeg) {
        if (!isRa(raDeg)) {
            throw new IllegalArgumentException(owner + ": query raDeg = " + raDeg + " is outside [0, 360)");
        }
        if (!isDec(decDeg)) {
            throw new IllegalArgumentException(owner + ": query decDeg = " + decDeg + " is outside [-90, 90]");
        }
    }

    static boolean isRa(double raDeg) {
        return raDeg >= 0 && raDeg < 360;
    }

    static boolean isDec(double decDeg) {
        return decDeg >= -90 && decDeg <= 90;
    }

    /** Heap size of an array of {@code length} elements of {@code elementBytes} each: 16-byte header, 8-aligned. */
    static long arrayBytes(int length, int elementBytes) {
        return (16 + (long) length * elementBytes + 7) & ~7L;
    }
}
