package uk.ac.lsst.pipeline.crossmatch;

import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;

/**
 * Matches one alert and builds its published record, timing and counting the match. Thread-safe.
 */
public final class AlertMatcher {
    private final CrossMatcher matcher;
    private final CrossmatchMetrics metrics;

    public AlertMatcher(CrossMatcher matcher, CrossmatchMetrics metrics) {
        this.matcher = matcher;
        this.metrics = metrics;
    }

    /** The alert must have a usable position ({@link Alert#hasUsablePosition()}). */
    public CrossmatchRecord match(Alert alert) {
        long start = System.nanoTime();
        MatchOutcome outcome = matcher.match(alert.raDeg(), alert.decDeg());
        CrossmatchRecord record = CrossmatchRecord.of(alert, outcome);
        metrics.matched(outcome, System.nanoTime() - start);
        return record;
    }
}
