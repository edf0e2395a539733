package uk.ac.lsst.pipeline.bench.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.bench.report.Percentiles;
import uk.ac.lsst.pipeline.bench.report.SeriesPoint;
import uk.ac.lsst.pipeline.bench.report.StageResult;

/**
 * Turns the records read back from the buffers into per-stage results. The alerts topic of the ingest buffer is
 * the key: each record there carries its alert id and upstream append time, so any later output that names the
 * alert can be timed from its upstream append. Stateless.
 */
public final class RunAnalysis {

    private final TopicRecords alerts;
    private final Map<Long, Long> upstreamMsByAlert = new HashMap<>();
    private final long startMs;

    /** @param alerts the ingest buffer's alerts topic, read back in full */
    public RunAnalysis(TopicRecords alerts) {
        this.alerts = alerts;
        long start = Long.MAX_VALUE;
        for (int i = 0; i < alerts.size(); i++) {
            long upstream = alerts.upstreamMs(i);
            if (upstream >= 0) {
                upstreamMsByAlert.putIfAbsent(alerts.alertId(i), upstream);
                start = Math.min(start, upstream);
            }
        }
        this.startMs = start == Long.MAX_VALUE ? alerts.firstAppendMs() : start;
    }

    /** The first upstream append of the run, epoch ms. */
    public long startMs() {
        return startMs;
    }

    /** The alerts' own upstream-to-ingest results: buffer-ingest reads upstream and writes the alerts topic. */
    public StageResult ingest(String stage, long alertsIn, StageWindow window, double cpuSeconds) {
        return result(stage, alertsIn, alerts.totalBytes(), alerts, window, cpuSeconds);
    }

    /** A stage that reads {@code input} (alerts, compact alerts or annotated records) and writes {@code output}. */
    public StageResult downstream(String stage, long alertsIn, TopicRecords input, TopicRecords output,
                                  StageWindow window, double cpuSeconds) {
        return result(stage, alertsIn, input.totalBytes(), output, window, cpuSeconds);
    }

    /** Upstream append to output append of every record of {@code output} whose alert is known, in ms. */
    public long[] latencies(TopicRecords output) {
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < output.size(); i++) {
            long upstream = upstreamOf(output, i);
            if (upstream >= 0) {
                values.add(Math.max(0, output.appendMs(i) - upstream));
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** Per second since {@link #startMs()}: output records and their latency; {@code inSamples} give reads. */
    public List<SeriesPoint> series(TopicRecords output, List<long[]> inSamples) {
        Map<Integer, List<Long>> bins = new HashMap<>();
        int last = 0;
        for (int i = 0; i < output.size(); i++) {
            int second = (int) Math.max(0, (output.appendMs(i) - startMs) / 1000);
            long upstream = upstreamOf(output, i);
            bins.computeIfAbsent(second, s -> new ArrayList<>()).add(upstream >= 0 ? output.appendMs(i) - upstream : -1);
            last = Math.max(last, second);
        }
        Map<Integer, Long> readPerSecond = readsPerSecond(inSamples);
        for (int s : readPerSecond.keySet()) {
            last = Math.max(last, s);
        }
        List<SeriesPoint> points = new ArrayList<>();
        for (int s = 0; s <= last; s++) {
            List<Long> bin = bins.getOrDefault(s, List.of());
            long[] known = bin.stream().filter(v -> v >= 0).mapToLong(Long::longValue).toArray();
            Percentiles p = Percentiles.of(known);
            points.add(new SeriesPoint(s, readPerSecond.getOrDefault(s, 0L), bin.size(),
                    known.length == 0 ? -1 : p.p50Ms(), known.length == 0 ? -1 : p.p99Ms()));
        }
        return points;
    }

    /** Alerts read per second from cumulative samples {@code [epochMs, alertsIn]}. */
    private Map<Integer, Long> readsPerSecond(List<long[]> samples) {
        Map<Integer, Long> reads = new HashMap<>();
        long previous = 0;
        for (long[] sample : samples) {
            if (sample[0] < startMs) {
                previous = sample[1];
                continue;
            }
            int second = (int) ((sample[0] - startMs) / 1000);
            reads.merge(second, sample[1] - previous, Long::sum);
            previous = sample[1];
        }
        return reads;
    }

    private long upstreamOf(TopicRecords output, int i) {
        long upstream = output.upstreamMs(i);
        return upstream >= 0 ? upstream : upstreamMsByAlert.getOrDefault(output.alertId(i), -1L);
    }

    private StageResult result(String stage, long alertsIn, long bytesIn, TopicRecords output, StageWindow window,
                               double cpuSeconds) {
        long[] latencies = latencies(output);
        double seconds = window.seconds();
        return new StageResult(stage, alertsIn, output.size(), bytesIn, output.totalBytes(), seconds,
                alertsIn / seconds, output.size() / seconds, bytesIn / seconds / 1e6, output.totalBytes() / seconds / 1e6,
                cpuSeconds, cpuSeconds / seconds, Percentiles.of(latencies), output.size() - latencies.length);
    }
}
