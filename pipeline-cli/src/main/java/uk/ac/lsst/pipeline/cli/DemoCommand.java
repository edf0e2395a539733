package uk.ac.lsst.pipeline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.demo.DemoSummary;
import uk.ac.lsst.pipeline.demo.LocalDemo;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;

/** {@code pipeline demo}: the whole pipeline in-process with a replay of the sample alerts. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on this machine: in-process Kafka buffers (upstream, ingest, "
                + "science), buffer-ingest, crossmatch-service, watchlist-service and thumbnail-service, and a "
                + "replay of real sample alerts.",
                "Prints progress, then a summary that is also written to OUT/summary.json."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--alerts", defaultValue = "500", paramLabel = "N",
            description = "Alerts to replay, ZTF and Rubin together (default: ${DEFAULT-VALUE}).")
    long alerts;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "R",
            description = "Alerts per second per survey; 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--corrupt", defaultValue = "0", paramLabel = "K",
            description = "Corrupt messages to inject upstream; each must end in the dead-letter topic "
                    + "(default: ${DEFAULT-VALUE}).")
    int corrupt;

    @Option(names = "--survey", defaultValue = "both", paramLabel = "ztf|lsst|both",
            description = "Which survey's sample alerts to replay (default: ${DEFAULT-VALUE}).")
    String survey;

    @Option(names = "--samples", paramLabel = "DIR",
            description = "Samples directory with alerts/{ztf,rubin}, catalogues/ and watchlists/ "
                    + "(default: samples/ of the repository).")
    Path samples;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The pipeline file whose buffers, topics and stages to run (default: pipeline.yaml of "
                    + "the repository).")
    Path file;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of the ingest buffer's alerts topic (default: the pipeline file's).")
    Integer partitions;

    @Option(names = "--threads", paramLabel = "T",
            description = "Stream threads of every stage (default: the pipeline file's).")
    Integer threads;

    @Option(names = "--timeout", defaultValue = "PT5M", paramLabel = "DURATION",
            description = "How long to wait for the pipeline to drain after the replay (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR",
            description = "Where summary.json, the thumbnails and their gallery (thumbnails/index.html) are written "
                    + "(default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--keep-running", description = "Keep buffers and stages up after the summary, until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws Exception {
        if (alerts < 1) {
            throw new ParameterException(spec.commandLine(), "--alerts must be at least 1, got " + alerts);
        }
        if (rate < 0 || corrupt < 0 || (partitions != null && partitions < 1) || (threads != null && threads < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--rate and --corrupt must be >= 0, --partitions and --threads >= 1");
        }
        List<String> surveys = switch (survey) {
            case "ztf" -> List.of("ztf");
            case "lsst" -> List.of("lsst");
            case "both" -> List.of("ztf", "lsst");
            default -> throw new ParameterException(spec.commandLine(),
                    "--survey must be ztf, lsst or both, got " + survey);
        };
        ReplaySchedule schedule = rate == 0 ? new ReplaySchedule.FullSpeed() : new ReplaySchedule.Rate(rate);
        Path home = Path.of(System.getProperty("pipeline.home", "."));
        LocalDemo.Request request = new LocalDemo.Request(file == null ? home.resolve("pipeline.yaml") : file,
                samples == null ? defaultSamples() : samples, alerts,
                surveys, schedule, corrupt, partitions, threads, timeout, out, keepRunning);
        DemoSummary summary = new LocalDemo(System.out).run(request);
        System.out.print(summary.describe());
        System.out.println("Summary written to " + summary.write(out).toAbsolutePath());
        return summary.complete() ? 0 : 1;
    }

    /** {@code samples} under the repository ({@code pipeline.home}, set by the launcher), else under cwd. */
    static Path defaultSamples() {
        return Path.of(System.getProperty("pipeline.home", ".")).resolve("samples");
    }
}
