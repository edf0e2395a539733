package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.SchemaRegistryClient;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.local.replay.ReplayException;
import uk.ac.lsst.pipeline.local.replay.ReplayProgress;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.local.replay.Replayer;

/**
 * {@code pipeline replay}: publishes alert files into a topic, the upstream simulator. Exit code 0 when every alert
 * sent was acknowledged, 1 otherwise, 2 for bad options.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publish alert files (Avro OCF or Confluent wire format, detected from the bytes) into a "
                + "Kafka topic: the upstream simulator.",
                "The first pass sends each file unchanged; beyond it (--count larger than the number of files) the "
                        + "files are cycled and each copy gets a fresh alert id and, with --jitter-arcsec, a moved "
                        + "position."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka cluster to publish to.")
    String bootstrapServers;

    @Option(names = "--topic", required = true, description = "Topic to publish to.")
    String topic;

    @Option(names = "--alerts", required = true, paramLabel = "DIR",
            description = "Directory of alert files, searched recursively in sorted order; repeatable.")
    List<Path> alertDirs = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", description = "Alerts to send (default: one per file).")
    Long count;

    @Option(names = "--rate", paramLabel = "R", description = "Alerts per second, evenly spaced (0: as fast as "
            + "possible, the default).")
    Double rate;

    @Option(names = "--burst", paramLabel = "N", description = "Send N alerts as fast as possible every --every "
            + "seconds (Rubin-like visits).")
    Integer burst;

    @Option(names = "--every", paramLabel = "T", description = "Seconds from one burst to the next (Rubin: ~40).")
    Double everySeconds;

    @Option(names = "--jitter-arcsec", paramLabel = "X", defaultValue = "0",
            description = "Move cycled copies by a random offset within X arcsec (default: ${DEFAULT-VALUE}).")
    double jitterArcsec;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of the ids and offsets of cycled copies (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--schema-dir", paramLabel = "DIR",
            description = "Directory of .avsc schemas, to rewrite Confluent wire-format files when cycling.")
    Path schemaDir;

    @Option(names = "--schema-registry", paramLabel = "URL",
            description = "Schema registry, to rewrite Confluent wire-format files when cycling.")
    URI schemaRegistry;

    @Option(names = "--create-topic", description = "Create the topic if it is missing.")
    boolean createTopic;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of a topic created by --create-topic (default: 1).")
    Integer partitions;

    @Override
    public Integer call() {
        ReplayRequest request = request();
        SchemaSource schemas = schemaSource();
        PrintWriter err = spec.commandLine().getErr();
        ProgressPrinter printer = new ProgressPrinter(err, System.console() != null);
        try (Replayer replayer = Replayer.connect(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), schemas)) {
            ReplayResult result = runStoppingOnShutdown(replayer, request, printer);
            printer.end();
            spec.commandLine().getOut().println("replay to " + topic + ": " + result.summary());
            result.failureSamples().forEach(f -> err.println("failed: " + f));
            return result.allAcknowledged() ? 0 : 1;
        } catch (ReplayException | KafkaException e) {
            printer.end();
            err.println("replay failed: " + e.getMessage());
            return 1;
        }
    }

    /** Ctrl-C stops the replay; the hook waits for the sent alerts to be flushed. */
    private static ReplayResult runStoppingOnShutdown(Replayer replayer, ReplayRequest request,
            ProgressPrinter printer) {
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            replayer.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "replay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return replayer.run(request, printer::print);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running; nothing to remove
            }
        }
    }

    private ReplayRequest request() {
        ReplayRequest.Builder builder = ReplayRequest.builder(topic, alertDirs)
                .schedule(schedule())
                .jitterArcsec(positive("--jitter-arcsec", jitterArcsec, true))
                .seed(seed);
        if (count != null) {
            if (count < 0) {
                throw usage("--count must be >= 0, got " + count);
            }
            builder.count(count);
        }
        if (partitions != null && !createTopic) {
            throw usage("--partitions only applies with --create-topic");
        }
        if (createTopic) {
            int p = partitions == null ? 1 : partitions;
            if (p < 1) {
                throw usage("--partitions must be >= 1, got " + p);
            }
            builder.createTopic(p);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ReplaySchedule schedule() {
        if (rate != null && (burst != null || everySeconds != null)) {
            throw usage("--rate and --burst/--every are exclusive: pace by rate or by bursts, not both");
        }
        if ((burst == null) != (everySeconds == null)) {
            throw usage("--burst and --every go together: --burst N --every T sends N alerts every T seconds");
        }
        if (burst != null) {
            if (burst < 1) {
                throw usage("--burst must be >= 1, got " + burst);
            }
            double seconds = positive("--every", everySeconds, false);
            return ReplaySchedule.bursts(burst, Duration.ofNanos(Math.round(seconds * 1e9)));
        }
        return rate == null ? ReplaySchedule.fullSpeed() : ReplaySchedule.rate(positive("--rate", rate, true));
    }

    /** The schema directory and/or registry (directory asked first), or the defaults (bundled schemas, if any). */
    private SchemaSource schemaSource() {
        List<SchemaSource> sources = new ArrayList<>();
        try {
            if (schemaDir != null) {
                sources.add(new SchemaDirectory(schemaDir));
            }
            if (schemaRegistry != null) {
                sources.add(new SchemaRegistryClient(SchemaRegistryClient.Settings.of(schemaRegistry)));
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return sources.isEmpty() ? SchemaSources.defaults()
                : SchemaSources.firstOf(sources.toArray(SchemaSource[]::new));
    }

    private double positive(String option, double value, boolean zeroAllowed) {
        if (!Double.isFinite(value) || value < 0 || (!zeroAllowed && value == 0)) {
            throw usage(option + " must be a " + (zeroAllowed ? "non-negative" : "positive") + " number, got "
                    + value);
        }
        return value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Prints progress as one line on stderr, rewritten in place on a terminal. Confined to the replay thread. */
    private static final class ProgressPrinter {
        private final PrintWriter err;
        private final boolean inPlace;
        private boolean pending;

        ProgressPrinter(PrintWriter err, boolean inPlace) {
            this.err = err;
            this.inPlace = inPlace;
        }

        void print(ReplayProgress p) {
            String line = String.format(Locale.ROOT, "sent %d, acked %d, failed %d, %.0f s, %.1f alerts/s",
                    p.sent(), p.acknowledged(), p.failed(), p.elapsed().toMillis() / 1000.0, p.currentAlertsPerSec());
            if (inPlace) {
                err.print("\r" + line + "   ");
                pending = true;
            } else {
                err.println(line);
            }
            err.flush();
        }

        void end() {
            if (pending) {
                err.println();
                pending = false;
            }
        }
    }
}
