package uk.ac.lsst.pipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.bench.buffer.BufferRoles;
import uk.ac.lsst.pipeline.bench.buffer.BufferSource;
import uk.ac.lsst.pipeline.bench.report.BenchReport;
import uk.ac.lsst.pipeline.bench.report.Charts;
import uk.ac.lsst.pipeline.bench.report.Machine;
import uk.ac.lsst.pipeline.bench.report.RunResult;
import uk.ac.lsst.pipeline.bench.report.SummaryTable;
import uk.ac.lsst.pipeline.bench.report.SweepPoint;
import uk.ac.lsst.pipeline.bench.stages.BenchPipeline;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/**
 * {@code pipeline bench}: throughput and latency of every stage beside Kafka's own tools and MirrorMaker 2. Exit
 * codes: 0 complete, 1 a run was incomplete, 2 the arguments or the pipeline file do not fit.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark the whole pipeline on in-process Kafka buffers (upstream, ingest, science), or on "
                + "the buffers of a pipeline file (--file): replay real alerts through buffer-ingest, "
                + "crossmatch-service, watchlist-service and thumbnail-service (or the --stages asked for) and "
                + "measure each stage's alerts/s, MB/s, CPU and latency from upstream append to output; then run "
                + "Kafka's producer and consumer performance tools and MirrorMaker 2 on the same buffers.",
                "Writes OUT/bench.json and SVG charts, prints a summary table."})
public final class BenchCommand implements Callable<Integer> {
    static final List<Integer> SWEEP = List.of(16, 32, 64, 128);

    @Spec
    CommandSpec spec;

    @Option(names = "--alerts", defaultValue = "2000", paramLabel = "N",
            description = "Alerts to replay, shared between the surveys (default: ${DEFAULT-VALUE}).")
    long alerts;

    @Option(names = "--survey", defaultValue = "lsst", paramLabel = "ztf|lsst|both",
            description = "Whose sample alerts to replay (default: ${DEFAULT-VALUE}; Rubin alerts are ~150 KB).")
    String survey;

    static final class Pacing {
        @Option(names = "--rate", paramLabel = "R", description = "Alerts per second per survey.")
        Double rate;

        @Option(names = "--bursts", paramLabel = "N",
                description = "Bursts of N alerts per survey, one every --every (a Rubin visit: 10000 every 40 s).")
        Integer bursts;
    }

    @ArgGroup(exclusive = true)
    Pacing pacing;

    @Option(names = "--every", defaultValue = "PT40S", paramLabel = "DURATION",
            description = "Time between bursts (default: ${DEFAULT-VALUE}).")
    Duration every;

    @Option(names = "--partitions", defaultValue = "16", paramLabel = "P",
            description = "Partitions of every topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "T",
            description = "Stream threads per stage instance (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--instances", defaultValue = "1", paramLabel = "I",
            description = "Instances of each stage (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "B",
            description = "Brokers of the in-process ingest buffer (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Run on the buffers of this pipeline file instead of in-process ones: upstream is "
                    + "buffer-ingest's input buffer, ingest its output, science crossmatch-service's output, each "
                    + "with its security and client properties; the stages still run in this JVM. Each run's topics, "
                    + "application ids and consumer groups are named bench-<yyyyMMdd-HHmmss UTC>-<4 hex>-<name>, "
                    + "so the pipeline's own are never read, written or committed, and are deleted at the end. The "
                    + "upstream buffer must let the bench create topics. Not with --brokers or --preset.")
    Path file;

    @Option(names = "--keep-topics",
            description = "With --file: keep the run's topics and consumer groups on the buffers at the end.")
    boolean keepTopics;

    @Option(names = "--stages", split = ",", paramLabel = "LIST",
            description = "Only these stages of the pipeline file run and are measured: a comma-separated list of "
                    + "stage names, e.g. crossmatch-service,watchlist-service (buffer-ingest always runs; default: "
                    + "every stage that runs in Java).")
    List<String> stages;

    @Option(names = "--preset", paramLabel = "seed",
            description = "seed: the seed design's layout, an ingest buffer of 4 brokers holding 16 partitions and "
                    + "each stage as 4 instances x 4 threads; checks every broker leads 4 partitions and every "
                    + "instance gets 4.")
    String preset;

    @Option(names = "--sweep", description = "Also run once per partition count 16, 32, 64, 128 (fresh buffers, or "
            + "fresh topics with --file, each): throughput, latency, memory and rebalance time.")
    boolean sweep;

    @Option(names = "--sweep-only", description = "Only the partition sweep.")
    boolean sweepOnly;

    @Option(names = "--no-references", description = "Skip Kafka's tools and MirrorMaker 2.")
    boolean noReferences;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "N",
            description = "First run N alerts at full speed through the same stages in this JVM, unmeasured, so "
                    + "that the measured run finds its code compiled, as in a pipeline that has been running "
                    + "(default: ${DEFAULT-VALUE}: the measured run includes the JIT's own CPU).")
    long warmup;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Samples directory with alerts/{ztf,rubin}, catalogues/, watchlists/ "
                    + "(default: samples/ of the repository).")
    Path samples;

    @Option(names = "--timeout", defaultValue = "PT10M", paramLabel = "DURATION",
            description = "How long the stages may take to drain after the replay (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--out", defaultValue = "bench-out", paramLabel = "DIR",
            description = "Where bench.json and the charts go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        BenchRequest request;
        try {
            request = request();
        } catch (PipelineFileException | SettingsException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("pipeline bench: " + e.getMessage());
            return 2;
        }
        String started = Instant.now().toString();
        Machine machine = Machine.now();
        System.out.printf("pipeline bench on %d cores, load average %s%n", machine.cores(), machine.loadAverage());
        try (Bench bench = new Bench(System.out)) {
            return run(bench, request, started, machine);
        }
    }

    private int run(Bench bench, BenchRequest request, String started, Machine machine) throws Exception {
        if (warmup > 0) {
            System.out.printf("Warm-up: %d alerts through the same stages, not measured ...%n", warmup);
            RunResult warm = bench.run(request.warmUp(warmup));
            System.out.printf("Warm-up %s: %d alerts; now the measured run%n",
                    warm.complete() ? "complete" : "INCOMPLETE", warm.alertsReplayed());
        }
        RunResult run = null;
        if (!sweepOnly) {
            run = bench.run(request);
            Charts.run(run, out.resolve("bench.svg"));
        }
        List<SweepPoint> points = new ArrayList<>();
        if (sweep || sweepOnly) {
            for (int p : SWEEP) {
                System.out.printf("Sweep: %d partitions%n", p);
                points.add(SweepPoint.of(bench.run(request.with(p, false, true))));
            }
            Charts.sweep(points, out.resolve("sweep.svg"));
        }
        BenchReport report = new BenchReport(machine, Machine.currentLoad(),
                "pipeline bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs()), started,
                warmup, run, points);
        Path json = report.write(out);
        System.out.print(SummaryTable.describe(report));
        System.out.println("Written " + json.toAbsolutePath() + (run != null ? ", bench.svg" : "")
                + (points.isEmpty() ? "" : ", sweep.svg"));
        return run == null || run.complete() ? 0 : 1;
    }

    BenchRequest request() {
        List<String> surveys = switch (survey) {
            case "ztf" -> List.of("ztf");
            case "lsst" -> List.of("lsst");
            case "both" -> List.of("ztf", "lsst");
            default -> throw new ParameterException(spec.commandLine(), "--survey must be ztf, lsst or both, got "
                    + survey);
        };
        ReplaySchedule schedule = ReplaySchedule.fullSpeed();
        if (pacing != null && pacing.rate != null) {
            schedule = ReplaySchedule.rate(pacing.rate);
        } else if (pacing != null && pacing.bursts != null) {
            schedule = ReplaySchedule.bursts(pacing.bursts, every);
        }
        int p = partitions;
        int b = brokers;
        int i = instances;
        int t = threads;
        checkFileOptions();
        if (preset != null) {
            if (!preset.equals("seed")) {
                throw new ParameterException(spec.commandLine(), "--preset must be seed, got " + preset);
            }
            p = 16;
            b = 4;
            i = 4;
            t = 4;
        }
        if (alerts < 1 || p < 1 || b < 1 || i < 1 || t < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--alerts, --partitions, --brokers, --instances and --threads must be at least 1");
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be 0 (none) or more alerts, got "
                    + warmup);
        }
        Path dir = samples != null ? samples
                : Path.of(System.getProperty("pipeline.home", ".")).resolve("samples");
        Path pipelineFile = file != null ? file : projectFile(dir);
        StageRegistry registry = StageRegistry.load();
        PipelineSpec spec = PipelineSpec.load(pipelineFile, Bench.variables(dir, out.resolve("thumbnails")),
                registry.kinds());
        List<String> runnable = new java.util.ArrayList<>(BenchPipeline.runnable(spec, registry));
        String ingest = BufferRoles.ingest(spec, registry).name();
        runnable.remove(ingest);
        runnable.add(0, ingest);
        List<String> chosen = stages(runnable);
        BufferSource buffers = file == null ? new BufferSource.InProcess(b)
                : BufferSource.PipelineFile.of(spec, registry, System.getenv(), keepTopics);
        return new BenchRequest(dir, alerts, surveys, schedule, p, pipelineFile, buffers, runnable, chosen, i, t,
                timeout, !noReferences, sweep || sweepOnly, out);
    }

    /**
     * The project's pipeline file, whose stages an in-process run runs: {@code pipeline.yaml} of the project
     * ({@code pipeline.home}), else beside the samples directory.
     */
    private static Path projectFile(Path samples) {
        String home = System.getProperty("pipeline.home");
        return (home != null ? Path.of(home) : samples.toAbsolutePath().normalize().getParent())
                .resolve("pipeline.yaml");
    }

    /** --brokers and --preset lay out in-process buffers only; --keep-topics keeps a file's buffers' topics only. */
    private void checkFileOptions() {
        if (file != null) {
            for (String option : List.of("--brokers", "--preset")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new ParameterException(spec.commandLine(), option + " does not apply with --file: the "
                            + "buffers of " + file + " are what they are (the layout check counts their brokers)");
                }
            }
        } else if (keepTopics) {
            throw new ParameterException(spec.commandLine(), "--keep-topics only applies with --file: in-process "
                    + "buffers are deleted with their topics");
        }
    }

    /** The stages asked for, with the ingest stage, in file order. */
    private List<String> stages(List<String> runnable) {
        if (stages == null) {
            return runnable;
        }
        for (String s : stages) {
            if (!runnable.contains(s)) {
                throw new ParameterException(spec.commandLine(), "--stages: '" + s + "' is not a stage: expected "
                        + "a comma-separated list of " + String.join(", ", runnable.subList(1, runnable.size()))
                        + " (" + runnable.get(0) + " always runs)");
            }
        }
        return runnable.stream().filter(s -> s.equals(runnable.get(0)) || stages.contains(s)).toList();
    }
}
