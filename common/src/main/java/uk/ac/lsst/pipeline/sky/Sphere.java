package uk.ac.lsst.pipeline.sky;

/** Angles on the celestial sphere. Stateless and thread-safe. */
public final class Sphere {
    private Sphere() {
    }

    /**
     * Exact angular separation of two positions (ICRS degrees), in degrees, accurate at all separations: Vincenty's
     * formula on the sphere, well conditioned from 0 to 180 degrees (absolute error about 1e-14 degree, so a
     * separation of 1e-6 arcsec is still good to better than 1e-4 of itself).
     *
     * <p>Exactly symmetric: swapping the two positions gives the same bits, so indexes and brute-force loops agree
     * whatever order they pass the positions in.
     */
    public static double separationDeg(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        if (ra1Deg > ra2Deg || (ra1Deg == ra2Deg && dec1Deg > dec2Deg)) {
            return vincentyDeg(ra2Deg, dec2Deg, ra1Deg, dec1Deg);
        }
        return vincentyDeg(ra1Deg, dec1Deg, ra2Deg, dec2Deg);
    }

    private static double vincentyDeg(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        double dRa = Math.toRadians(ra2Deg - ra1Deg);
        double d1 = Math.toRadians(dec1Deg);
        double d2 = Math.toRadians(dec2Deg);
        double sinD1 = Math.sin(d1);
        double cosD1 = Math.cos(d1);
        double sinD2 = Math.sin(d2);
        double cosD2 = Math.cos(d2);
        double sinDRa = Math.sin(dRa);
        double cosDRa = Math.cos(dRa);
        double x = cosD2 * sinDRa;
        double y = cosD1 * sinD2 - sinD1 * cosD2 * cosDRa;
        double z = sinD1 * sinD2 + cosD1 * cosD2 * cosDRa;
        return Math.toDegrees(Math.atan2(Math.hypot(x, y), z));
    }
}
