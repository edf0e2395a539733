package uk.ac.lsst.pipeline.alert;

/**
 * AB magnitudes of fluxes in nanojansky, as Rubin defines them: {@code m = 31.4 - 2.5 log10(f / nJy)} (31.4 is the
 * AB magnitude of 1 nJy, {@code -2.5 log10(1e-9 Jy / 3631 Jy)}). Stateless and thread-safe.
 */
public final class Magnitudes {
    /** AB magnitude of a 1 nJy source. */
    public static final double AB_ZERO_POINT_NJY = 31.4;
    private static final double MAG_PER_RELATIVE_FLUX = 2.5 / Math.log(10);

    private Magnitudes() {
    }

    /** {@code 31.4 - 2.5 log10(flux)}, or NaN unless the flux is positive. */
    public static double abMagnitude(double fluxNJy) {
        return fluxNJy > 0 ? AB_ZERO_POINT_NJY - 2.5 * Math.log10(fluxNJy) : Double.NaN;
    }

    /** The 1-sigma magnitude error {@code 2.5 / ln(10) * fluxErr / flux}, or NaN unless the flux is positive. */
    public static double abMagnitudeErr(double fluxNJy, double fluxErrNJy) {
        return fluxNJy > 0 ? MAG_PER_RELATIVE_FLUX * fluxErrNJy / fluxNJy : Double.NaN;
    }

    /**
     * A flux in nJy from a flux in the counts of an image whose photometric zero point (the AB magnitude of one
     * count) is {@code zeroPointMag}: {@code counts * 10^(0.4 (31.4 - zeroPointMag))}. NaN when either is NaN.
     */
    public static double countsToNJy(double counts, double zeroPointMag) {
        return counts * Math.pow(10, 0.4 * (AB_ZERO_POINT_NJY - zeroPointMag));
    }
}
