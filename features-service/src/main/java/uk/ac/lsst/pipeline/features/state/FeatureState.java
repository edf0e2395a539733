package uk.ac.lsst.pipeline.features.state;

import java.util.List;
import java.util.Objects;

/**
 * What is kept of one object between its alerts (in the stage's key-value store, keyed by object id).
 *
 * <ul>
 *   <li>{@code kept}: its latest detections one by one, deduplicated, in ascending mjd; at most
 *       {@link StateLimits#maxKept()}, none older than {@link StateLimits#keepDays()} before the latest.</li>
 *   <li>{@code sealedThroughMjd}: every detection up to this time that left {@code kept} is counted in its band's
 *       {@link BandSummary}; a detection at or before it that an alert brings again, and that is not in
 *       {@code kept}, is taken as already counted. {@code -Infinity} while nothing was sealed.</li>
 *   <li>{@code bands}: one summary per band seen, in the order u g r i z y.</li>
 *   <li>{@code colourPair}: the preferred g and r pair ({@link ColourPair#PREFERENCE}) of positive detections within
 *       the colour window of each other seen so far, or null.</li>
 * </ul>
 * Immutable; the lists are unmodifiable.
 */
public record FeatureState(double sealedThroughMjd, List<BandSummary> bands, List<Detection> kept,
        ColourPair colourPair) {

    public FeatureState {
        bands = List.copyOf(bands);
        kept = List.copyOf(kept);
        if (Double.isNaN(sealedThroughMjd)) {
            throw new IllegalArgumentException("sealedThroughMjd must be a time or -Infinity, got NaN");
        }
    }

    /** The state of an object before its first alert. */
    public static FeatureState empty() {
        return new FeatureState(Double.NEGATIVE_INFINITY, List.of(), List.of(), null);
    }

    /** The summary of a band, empty when the band was never seen. */
    public BandSummary band(String band) {
        Objects.requireNonNull(band, "band");
        for (BandSummary summary : bands) {
            if (summary.band().equals(band)) {
                return summary;
            }
        }
        return BandSummary.empty(band);
    }
}
