package uk.ac.lsst.pipeline.stage;

import java.time.Clock;

/**
 * What a stage's topology is given besides its settings.
 *
 * @param clock   the wall clock (start-from instants, produced-at times)
 * @param metrics the stage's meters; the stage registers its own in its registry
 */
public record StageContext(Clock clock, StageMetrics metrics) {

    /** The system clock (UTC) and {@code metrics}. */
    public static StageContext of(StageMetrics metrics) {
        return new StageContext(Clock.systemUTC(), metrics);
    }
}
