package uk.ac.lsst.pipeline.features;

import java.util.List;

/**
 * The features of an object as of one of its alerts: the {@code features} object of the annotated record, field
 * names as written in JSON (through {@link FeaturesJson} or {@code JsonSerde}). Undefined numbers are NaN (JSON
 * null). Every band is present; a band without detections has zero counts and nulls. The definitions are on
 * {@link FeatureCalculator}. Immutable.
 *
 * @param nDetections             distinct detections in all bands
 * @param nPositive               of those, the positive ones
 * @param nDetections7d           detections with {@code t - 7 <= mjd <= t}, t the alert's mjd
 * @param nDetections14d          detections with {@code t - 14 <= mjd <= t}
 * @param firstMjd                earliest detection, MJD
 * @param lastMjd                 latest detection, MJD
 * @param daysSinceFirstDetection {@code t - firstMjd}, days
 * @param colourGR                {@code m_g - m_r}, mag, of the latest pair of positive g and r detections at most
 *                                {@value FeatureCalculator#COLOUR_WINDOW_DAYS} day apart
 * @param rateSincePrevious       this alert's detection against the previous positive detection in its band:
 *                                {@code (m_now - m_prev) / (t - t_prev)}, mag/day; negative = brightening
 * @param rateSincePeak           {@code (m_now - m_peak) / (t - t_peak)} in the alert's band, mag/day
 * @param peakMagnitude           peak magnitude of the alert's band
 * @param u                       the u band
 * @param g                       the g band
 * @param r                       the r band
 * @param i                       the i band
 * @param z                       the z band
 * @param y                       the y band
 */
public record ObjectFeatures(
        int nDetections,
        int nPositive,
        int nDetections7d,
        int nDetections14d,
        double firstMjd,
        double lastMjd,
        double daysSinceFirstDetection,
        double colourGR,
        double rateSincePrevious,
        double rateSincePeak,
        double peakMagnitude,
        BandFeatures u,
        BandFeatures g,
        BandFeatures r,
        BandFeatures i,
        BandFeatures z,
        BandFeatures y) {

    /** The features of a band by name ({@link Bands#ALL}). */
    public BandFeatures band(String band) {
        return bands().get(Bands.index(band));
    }

    /** The bands in the order u g r i z y. */
    public List<BandFeatures> bands() {
        return List.of(u, g, r, i, z, y);
    }
}
