package uk.ac.lsst.pipeline.features;

/**
 * The features of an object in one band, as of one of its alerts. Undefined numbers are NaN (JSON null). A band
 * without detections has zero counts and NaN everywhere else. Magnitude features use positive detections only
 * (see {@link FeatureCalculator}). Immutable.
 *
 * @param nDetections       distinct detections in the band, positive and negative, from every alert so far
 * @param nPositive         of those, the positive ones
 * @param nDetections7d     detections with {@code t - 7 <= mjd <= t}, t the alert's mjd
 * @param nDetections14d    detections with {@code t - 14 <= mjd <= t}
 * @param firstMjd          earliest detection, MJD
 * @param lastMjd           latest detection, MJD
 * @param latestMagnitude   magnitude of the latest positive detection
 * @param latestFluxNJy     flux of that detection, nJy (NaN for ZTF, whose detections carry no flux)
 * @param peakMagnitude     brightest (smallest) magnitude of a positive detection
 * @param peakMjd           its time, MJD (the earliest if several share it)
 * @param rateSincePrevious {@code (m1 - m0) / (t1 - t0)}, mag/day, over the latest two positive detections;
 *                          negative = brightening
 * @param rateSincePeak     {@code (m_latest - m_peak) / (t_latest - t_peak)}, mag/day; NaN when the latest is the
 *                          peak
 */
public record BandFeatures(
        int nDetections,
        int nPositive,
        int nDetections7d,
        int nDetections14d,
        double firstMjd,
        double lastMjd,
        double latestMagnitude,
        double latestFluxNJy,
        double peakMagnitude,
        double peakMjd,
        double rateSincePrevious,
        double rateSincePeak) {

    /** A band without detections. */
    public static final BandFeatures NONE = new BandFeatures(0, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
}
