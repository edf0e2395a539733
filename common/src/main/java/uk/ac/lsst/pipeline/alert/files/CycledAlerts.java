package uk.ac.lsst.pipeline.alert.files;

import java.util.SplittableRandom;

/**
 * What makes a cycled copy of an alert distinct: its alert id and its position offset, both pure functions of
 * (seed, sequence number), so a replay with the same seed writes the same alerts. Stateless.
 */
public final class CycledAlerts {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Separates the jitter stream from the id stream for the same (seed, sequence). */
    private static final long JITTER_SALT = 0x5DEECE66DL;
    private static final double ARCSEC_PER_RAD = 180.0 / Math.PI * 3600.0;

    private CycledAlerts() {
    }

    /**
     * A fresh non-negative alert id: SplitMix64 of {@code seed + (sequence + 1) * gamma} with the sign bit
     * cleared. The mixing is a bijection and gamma is odd, so for one seed, distinct sequence numbers give
     * distinct 64-bit values; clearing the sign bit leaves a collision chance of about n²/2⁶⁴.
     */
    public static long alertId(long seed, long sequence) {
        return mix64(seed + (sequence + 1) * GOLDEN_GAMMA) & Long.MAX_VALUE;
    }

    /**
     * A position drawn uniformly (by area) from the disc of radius {@code radiusArcsec} around (raDeg, decDeg),
     * returned as the offsets to add: {@code [raOffsetDeg, decOffsetDeg]}. The new point is computed on the
     * sphere (exact angular distance at most the radius, also near the poles); for small radii the RA offset is
     * the tangent-plane offset divided by cos(dec). A zero radius or an unusable position gives no offset.
     */
    public static double[] positionOffsetDeg(long seed, long sequence, double radiusArcsec, double raDeg,
            double decDeg) {
        if (!(radiusArcsec > 0) || !Double.isFinite(raDeg) || !Double.isFinite(decDeg)) {
            return new double[] {0, 0};
        }
        SplittableRandom random = new SplittableRandom(mix64(alertId(seed ^ JITTER_SALT, sequence)));
        double distanceRad = radiusArcsec / ARCSEC_PER_RAD * Math.sqrt(random.nextDouble());
        double positionAngleRad = 2 * Math.PI * random.nextDouble();
        double dec0 = Math.toRadians(decDeg);
        double sinDec1 = Math.sin(dec0) * Math.cos(distanceRad)
                + Math.cos(dec0) * Math.sin(distanceRad) * Math.cos(positionAngleRad);
        double dec1 = Math.asin(Math.max(-1, Math.min(1, sinDec1)));
        double deltaRa = Math.atan2(Math.sin(positionAngleRad) * Math.sin(distanceRad) * Math.cos(dec0),
                Math.cos(distanceRad) - Math.sin(dec0) * sinDec1);
        return new double[] {Math.toDegrees(deltaRa), Math.toDegrees(dec1) - decDeg};
    }

    /** The SplitMix64 finaliser (Steele, Lea, Flood 2014); a bijection on 64-bit values. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
