package uk.ac.lsst.pipeline.local.replay;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.ac.lsst.pipeline.alert.AlertFormat;

/**
 * The outcome of a replay, once every sent alert has been acknowledged or has failed.
 *
 * @param sent            alerts handed to the producer
 * @param acknowledged    alerts the brokers acknowledged
 * @param failed          alerts that were not published (send or rewrite failed)
 * @param bytes           bytes of the alerts sent
 * @param elapsed         from the first due alert until the producer was flushed
 * @param sentByFormat    alerts sent per format
 * @param failureSamples  the first few distinct failure messages (empty when none failed)
 * @param stopped         true when {@link Replayer#stop()} ended the replay early
 */
public record ReplayResult(long sent, long acknowledged, long failed, long bytes, Duration elapsed,
        Map<AlertFormat, Long> sentByFormat, List<String> failureSamples, boolean stopped) {

    public ReplayResult {
        sentByFormat = Map.copyOf(sentByFormat);
        failureSamples = List.copyOf(failureSamples);
    }

    /** True when every alert sent was acknowledged and none failed. */
    public boolean allAcknowledged() {
        return failed == 0 && acknowledged == sent;
    }

    public double alertsPerSecond() {
        return perSecond(acknowledged);
    }

    /** Megabytes (10⁶ bytes) sent per second. */
    public double megabytesPerSecond() {
        return perSecond(bytes) / 1e6;
    }

    /** One line: sent, acked, failed, elapsed, alerts/s, MB/s. */
    public String summary() {
        return String.format(Locale.ROOT, "sent %d, acked %d, failed %d in %.1f s: %.1f alerts/s, %.2f MB/s%s",
                sent, acknowledged, failed, elapsed.toNanos() / 1e9, alertsPerSecond(), megabytesPerSecond(),
                stopped ? " (stopped early)" : "");
    }

    private double perSecond(long amount) {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : amount * 1e9 / nanos;
    }
}
