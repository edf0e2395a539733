package uk.ac.lsst.pipeline.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The human-readable summary of a bench: plain text tables. Stateless. */
public final class SummaryTable {
    private static final String WATCHLIST = "watchlist-service";
    private static final String FILTER = "filter-service";

    private SummaryTable() {
    }

    public static String describe(BenchReport report) {
        StringBuilder b = new StringBuilder();
        Machine m = report.machine();
        b.append(f("Machine: %d cores, load average %s at start, %s at end; %s%n", m.cores(), m.loadAverage(),
                report.loadAtEnd(), m.java()));
        if (report.warmupAlerts() > 0) {
            b.append(f("Warm-up: %d alerts through the same stages in this JVM before the measured run%n",
                    report.warmupAlerts()));
        }
        if (report.run() != null) {
            b.append(run(report.run()));
        }
        if (!report.sweep().isEmpty()) {
            b.append(sweep(report.sweep()));
        }
        return b.toString();
    }

    static String run(RunResult r) {
        StringBuilder b = new StringBuilder();
        b.append(f("Run: %d alerts (%s, mean %.0f KB) replayed %s; %d partitions, ingest buffer of %d broker(s), "
                        + "%d instance(s) x %d thread(s) per stage; %s%n",
                r.alertsReplayed(), String.join("+", r.surveys()), r.meanAlertBytes() / 1024.0, r.schedule(),
                r.partitions(), r.ingestBrokers(), r.instances(), r.threads(), r.complete() ? "complete" : "INCOMPLETE"));
        b.append(f("buffers: %s%s%n", r.buffers(), r.topicPrefix().isEmpty() ? ""
                : "; topics and groups of the run: " + r.topicPrefix() + "*"));
        b.append(f("stages run: %s%s%n", String.join(", ", r.stagesRun()), r.stagesSkipped().isEmpty() ? ""
                : " (not run: " + String.join(", ", r.stagesSkipped()) + ")"));
        b.append(f("%-20s %8s %9s %9s %8s %8s %7s %7s %7s %7s %7s%n", "stage", "alerts", "alerts/s", "out/s",
                "MB/s in", "MB/s out", "CPU s", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        for (StageResult s : r.stages()) {
            b.append(f("%-20s %8d %9.1f %9.1f %8.1f %8.2f %7.1f %7d %7d %7d %7d%n", s.stage(), s.alertsIn(),
                    s.alertsPerSecondIn(), s.recordsPerSecondOut(), s.mbPerSecondIn(), s.mbPerSecondOut(),
                    s.cpuSeconds(), s.latency().p50Ms(), s.latency().p95Ms(), s.latency().p99Ms(),
                    s.latency().maxMs()));
        }
        var t = r.watchlistTrigger();
        if (r.stagesRun().contains(WATCHLIST)) {
            b.append(f("watch-list trigger latency (upstream append to hit, %d hits): p50 %d ms, p95 %d ms, "
                    + "p99 %d ms, max %d ms%n", t.count(), t.p50Ms(), t.p95Ms(), t.p99Ms(), t.maxMs()));
        } else {
            b.append("watch-list trigger latency: not measured (" + WATCHLIST + " did not run)")
                    .append(System.lineSeparator());
        }
        var filter = r.filterOutput();
        if (r.stagesRun().contains(FILTER)) {
            b.append(f("filter output latency (upstream append to a filter's record, %d records of a filter every "
                    + "alert passes): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", filter.count(), filter.p50Ms(),
                    filter.p95Ms(), filter.p99Ms(), filter.maxMs()));
        } else {
            b.append("filter output latency: not measured (" + FILTER + " did not run)").append(System.lineSeparator());
        }
        b.append(f("%s: %d alerts in %.1f s = %.1f alerts/s, %.1f MB/s (replay took %.1f s)%n", wholePipeline(r),
                r.alertsIngested(), r.pipelineSeconds(), r.pipelineAlertsPerSecond(), r.pipelineMbPerSecond(),
                r.replaySeconds()));
        StringBuilder cpu = new StringBuilder();
        for (Map.Entry<String, Double> e : r.cpuSecondsByGroup().entrySet()) {
            cpu.append(f(" %s %.1f s;", e.getKey(), e.getValue()));
        }
        b.append("CPU time by threads:").append(cpu).append(System.lineSeparator());
        if (r.rebalanceMs() >= 0 || r.heapAfterGcMb() >= 0) {
            b.append(f("memory after the run (stages closed, buffers up): heap %.0f MB after GC, RSS %.0f MB; "
                    + "rebalance on a second crossmatch instance: %d ms%n", r.heapAfterGcMb(), r.rssMb(),
                    r.rebalanceMs()));
        }
        LayoutCheck l = r.layout();
        if (l != null) {
            b.append(f("layout: alerts topic leaders per broker %s; input partitions per instance %s -> %s%n",
                    l.leadersPerBroker(), l.partitionsPerInstance(), l.balanced() ? "balanced" : "NOT balanced"));
        }
        References ref = r.references();
        if (ref != null) {
            b.append(f("references (%d records of %d bytes):%n", ref.records(), ref.recordBytes()));
            b.append(f("  ProducerPerformance %.1f records/s (%.1f MB/s); ConsumerPerformance %.1f records/s "
                    + "(%.1f MB/s); produce-then-consume %.1f records/s%n", ref.producerRecordsPerSecond(),
                    ref.producerMbPerSecond(), ref.consumerRecordsPerSecond(), ref.consumerMbPerSecond(),
                    ref.produceThenConsumePerSecond()));
            b.append(f("  MirrorMaker 2 %.1f alerts/s (%.1f MB/s); buffer-ingest on the same backlog %.1f alerts/s "
                    + "(%.1f MB/s); median trials of %s and %s%n", ref.mirrorMaker2PerSecond(),
                    ref.mirrorMaker2MbPerSecond(), ref.ingestBacklogPerSecond(), ref.ingestBacklogMbPerSecond(),
                    trials(ref.mirrorMaker2Trials()), trials(ref.ingestBacklogTrials())));
            b.append(f("  ratios: buffer-ingest / MirrorMaker 2 = %.2f; %s / produce-then-consume = %.2f%n",
                    ref.ingestVsMirrorMaker2(), wholePipeline(r), ref.pipelineVsProduceThenConsume()));
        }
        return b.toString();
    }

    /** "whole pipeline", saying which stages it was when some did not run. */
    static String wholePipeline(RunResult r) {
        return r.stagesSkipped().isEmpty() ? "whole pipeline"
                : "whole pipeline (only " + String.join(", ", r.stagesRun()) + " ran)";
    }

    static String sweep(List<SweepPoint> points) {
        StringBuilder b = new StringBuilder(f("Partition sweep (one fresh run per row; stages run: %s; -1: not "
                + "measured):%n", String.join(", ", points.get(0).stagesRun())));
        b.append(f("%10s %10s %10s %9s %9s %11s %9s %8s %11s  %s%n", "partitions", "alerts/s", "ingest/s",
                "p50 ms", "p99 ms", "trigger p99", "heap MB", "RSS MB", "rebalance", "load"));
        for (SweepPoint p : points) {
            b.append(f("%10d %10.1f %10.1f %9d %9d %11d %9.0f %8.0f %8d ms  %s%n", p.partitions(), p.alertsPerSecond(),
                    p.ingestAlertsPerSecond(), p.latencyP50Ms(), p.latencyP99Ms(), p.triggerP99Ms(),
                    p.heapAfterGcMb(), p.rssMb(), p.rebalanceMs(), p.loadAverage()));
        }
        return b.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Rates of trials, in the order run: {@code [812, 977, 1040]}. */
    static String trials(List<Double> rates) {
        return rates.stream().map(r -> f("%.0f", r)).collect(Collectors.joining(", ", "[", "]"));
    }
}
