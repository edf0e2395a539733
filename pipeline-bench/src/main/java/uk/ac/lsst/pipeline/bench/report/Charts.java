package uk.ac.lsst.pipeline.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The bench's charts as SVG files. Stateless. */
public final class Charts {

    private Charts() {
    }

    /** Output records per second and their p50 and p99 latency, per stage, over the run. */
    public static Path run(RunResult run, Path file) throws IOException {
        Map<String, double[][]> out = new LinkedHashMap<>();
        Map<String, double[][]> in = new LinkedHashMap<>();
        Map<String, double[][]> p99 = new LinkedHashMap<>();
        Map<String, double[][]> p50 = new LinkedHashMap<>();
        run.series().forEach((stage, points) -> {
            in.put(stage, xy(points, p -> p.alertsIn()));
            out.put(stage, xy(points, p -> p.recordsOut()));
            p50.put(stage, xy(points, p -> p.latencyP50Ms() < 0 ? Double.NaN : p.latencyP50Ms()));
            p99.put(stage, xy(points, p -> p.latencyP99Ms() < 0 ? Double.NaN : p.latencyP99Ms()));
        });
        return new SvgChart(String.format(java.util.Locale.ROOT,
                "pipeline bench: %d alerts, %s, %d partitions, %d instance(s) x %d thread(s)", run.alertsReplayed(),
                run.schedule(), run.partitions(), run.instances(), run.threads()), "seconds since the first upstream append")
                .panel("alerts read per second", in)
                .panel("output records per second", out)
                .panel("latency p50 (ms, upstream append to output)", p50)
                .panel("latency p99 (ms, upstream append to output)", p99)
                .write(file);
    }

    /** Throughput, latency, memory and rebalance time against partitions; what was not measured (-1) is left out. */
    public static Path sweep(List<SweepPoint> points, Path file) throws IOException {
        return new SvgChart("pipeline bench: partition sweep", "partitions per topic")
                .panel("alerts per second", Map.of("whole pipeline", sweepXy(points, SweepPoint::alertsPerSecond),
                        "buffer-ingest", sweepXy(points, SweepPoint::ingestAlertsPerSecond)))
                .panel("latency (ms)", Map.of("crossmatch p50", sweepXy(points, p -> p.latencyP50Ms()),
                        "crossmatch p99", sweepXy(points, p -> p.latencyP99Ms()),
                        "watch-list trigger p99", sweepXy(points, p -> p.triggerP99Ms())))
                .panel("memory (MB)", Map.of("heap after GC", sweepXy(points, SweepPoint::heapAfterGcMb),
                        "process RSS", sweepXy(points, SweepPoint::rssMb)))
                .panel("rebalance (ms)", Map.of("second crossmatch instance joins",
                        sweepXy(points, p -> p.rebalanceMs())))
                .write(file);
    }

    private static double[][] xy(List<SeriesPoint> points, ToDoubleFunction<SeriesPoint> y) {
        return points.stream().map(p -> new double[] {p.second(), y.applyAsDouble(p)}).toArray(double[][]::new);
    }

    private static double[][] sweepXy(List<SweepPoint> points, ToDoubleFunction<SweepPoint> y) {
        return points.stream().map(p -> new double[] {p.partitions(), y.applyAsDouble(p) < 0 ? Double.NaN
                : y.applyAsDouble(p)}).toArray(double[][]::new);
    }
}
