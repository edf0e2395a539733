package uk.ac.lsst.pipeline.features.state;

import java.util.Objects;

/**
 * What the feature state keeps of one band beyond the individually kept detections: the counts of the detections
 * sealed out of the kept list, and aggregates over every detection ever seen in the band, which stay exact
 * whatever was sealed because merging a detection twice changes none of them. Immutable.
 *
 * @param band             u, g, r, i, z or y
 * @param sealedDetections detections of this band sealed out of the kept list (counted, no longer held)
 * @param sealedPositive   of those, the positive ones
 * @param firstMjd         earliest detection (any sign), MJD; NaN before the first
 * @param lastMjd          latest detection (any sign), MJD; NaN before the first
 * @param peakMagnitude    brightest (smallest) magnitude of a positive detection; NaN when none
 * @param peakMjd          its time (the earliest, if several share it); NaN when none
 * @param latestPositive   the latest positive detection with a magnitude, or null
 * @param previousPositive the one before it, or null
 */
public record BandSummary(
        String band,
        long sealedDetections,
        long sealedPositive,
        double firstMjd,
        double lastMjd,
        double peakMagnitude,
        double peakMjd,
        Detection latestPositive,
        Detection previousPositive) {

    public BandSummary {
        Objects.requireNonNull(band, "band");
        if (sealedDetections < 0 || sealedPositive < 0 || sealedPositive > sealedDetections) {
            throw new IllegalArgumentException("band " + band + ": sealed counts must satisfy 0 <= positive ("
                    + sealedPositive + ") <= detections (" + sealedDetections + ")");
        }
    }

    /** A band with nothing seen yet. */
    public static BandSummary empty(String band) {
        return new BandSummary(band, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, null);
    }

    /**
     * This summary with the detection merged into its aggregates (first, last, peak, latest two positive). Merging a
     * detection already merged (the same within {@code toleranceDays}) changes nothing.
     */
    public BandSummary observe(Detection d, double toleranceDays) {
        double first = Double.isNaN(firstMjd) ? d.mjd() : Math.min(firstMjd, d.mjd());
        double last = Double.isNaN(lastMjd) ? d.mjd() : Math.max(lastMjd, d.mjd());
        double peakMag = peakMagnitude;
        double peakTime = peakMjd;
        Detection latest = latestPositive;
        Detection previous = previousPositive;
        if (d.hasBrightness()) {
            if (Double.isNaN(peakMag) || d.magnitude() < peakMag || (d.magnitude() == peakMag && d.mjd() < peakTime)) {
                peakMag = d.magnitude();
                peakTime = d.mjd();
            }
            boolean known = (latest != null && latest.sameAs(d, toleranceDays))
                    || (previous != null && previous.sameAs(d, toleranceDays));
            if (!known) {
                if (latest == null || d.mjd() > latest.mjd()) {
                    previous = latest;
                    latest = d;
                } else if (previous == null || d.mjd() > previous.mjd()) {
                    previous = d;
                }
            }
        }
        return new BandSummary(band, sealedDetections, sealedPositive, first, last, peakMag, peakTime, latest,
                previous);
    }

    /** This summary with one more detection sealed (counted here, dropped from the kept list). */
    public BandSummary seal(Detection d) {
        return new BandSummary(band, sealedDetections + 1, sealedPositive + (d.positive() ? 1 : 0), firstMjd, lastMjd,
                peakMagnitude, peakMjd, latestPositive, previousPositive);
    }
}
