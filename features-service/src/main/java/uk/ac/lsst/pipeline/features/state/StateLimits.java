package uk.ac.lsst.pipeline.features.state;

/**
 * How much of an object's detections the feature state holds one by one: at most {@code maxKept}, and none older
 * than {@code keepDays} before the latest. Older detections are sealed: counted in their band's
 * {@link BandSummary} and forgotten individually. These bound the state, whatever the length of the object's
 * history: about 19 bytes per kept detection plus at most about 500 (six bands, a colour pair), 1.7 KB at the
 * defaults in {@link FeatureStateSerde}'s encoding.
 *
 * @param maxKept  detections held one by one, at least 2
 * @param keepDays how far behind the latest detection they reach, days; positive
 */
public record StateLimits(int maxKept, double keepDays) {
    /** 64 detections, 30 days: ZTF alerts carry 30 days of history; 7- and 14-day counts need 14. */
    public static final StateLimits DEFAULT = new StateLimits(64, 30);

    public StateLimits {
        if (maxKept < 2) {
            throw new IllegalArgumentException("maxKept must be at least 2, got " + maxKept);
        }
        if (!(keepDays > 0) || Double.isInfinite(keepDays)) {
            throw new IllegalArgumentException("keepDays must be positive and finite, got " + keepDays);
        }
    }
}
