package uk.ac.lsst.pipeline.local.replay;

import java.time.Duration;

/**
 * A snapshot of a running replay.
 *
 * @param sent                alerts handed to the producer so far
 * @param acknowledged        alerts the brokers acknowledged
 * @param failed              alerts whose send failed
 * @param bytes               bytes of the alerts sent
 * @param elapsed             time since the first alert was due
 * @param currentAlertsPerSec alerts sent per second since the previous snapshot
 */
public record ReplayProgress(long sent, long acknowledged, long failed, long bytes, Duration elapsed,
        double currentAlertsPerSec) {
}
