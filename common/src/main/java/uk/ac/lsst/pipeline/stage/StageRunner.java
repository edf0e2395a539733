package uk.ac.lsst.pipeline.stage;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.buffer.BufferCheck;
import uk.ac.lsst.pipeline.buffer.TopicCheck;
import uk.ac.lsst.pipeline.config.StageSettings;

/**
 * Runs one stage: a Kafka Streams application over a topology, reading its input buffer and writing its output
 * buffer (see {@link CrossBufferClientSupplier}), at-least-once, with its HTTP health and metrics endpoints.
 * {@link #start} first checks that both buffers answer and that the stage's topics exist with the expected
 * partitions.
 *
 * <p>An exception that escapes the topology shuts the client down (state ERROR): liveness then fails and
 * {@link #run} returns a non-zero exit code so that the orchestrator restarts the process. Local state is never
 * wiped at start-up. Thread-safe; {@link #close} is idempotent.
 */
public final class StageRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StageRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BUFFER_CHECK_TIMEOUT = Duration.ofSeconds(30);
    /** Producer request limit: the largest MAX_ALERT_BYTES (64 MiB) with room for key and headers. */
    static final int MAX_REQUEST_BYTES = 65 * 1024 * 1024;

    private final StageConfig config;
    private final StageSettings settings;
    private final StageParts parts;
    private final StageMetrics metrics;
    private final KafkaStreams streams;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private KafkaStreamsMetrics streamsMetrics;
    private HealthServer http;
    private volatile boolean failed;
    private boolean closed;

    public StageRunner(StageConfig config, StageParts parts, StageMetrics metrics) {
        this.config = config;
        this.settings = config.stage();
        this.parts = parts;
        this.metrics = metrics;
        this.streams = new KafkaStreams(parts.topology(), streamsProperties(settings),
                new CrossBufferClientSupplier(settings.applicationId(), settings.output()));
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stage {} failed and shuts down: {}", settings.applicationId(), e.toString(), e);
            failed = true;
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            log.info("stage {}: {} -> {}", settings.applicationId(), before, now);
            if (now == KafkaStreams.State.ERROR) {
                failed = true;
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                terminated.countDown();
            }
        });
    }

    /** The Kafka Streams properties of a stage: input buffer, at-least-once, threads, then KAFKA_* overrides. */
    public static Properties streamsProperties(StageSettings settings) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, settings.input().bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        p.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        p.put("processing.exception.handler.global.enabled", true);
        // the producer's own limit (1 MiB by default) would refuse alerts and dead letters that the topics take
        // (MAX_ALERT_BYTES, at most 64 MiB, plus headers); the topics' max.message.bytes is the limit that counts
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        p.putAll(settings.input().securityProperties());
        settings.input().extra().forEach((k, v) -> {
            p.put(StreamsConfig.consumerPrefix(k), v);
            p.put(StreamsConfig.adminClientPrefix(k), v);
        });
        p.putAll(settings.streamsOverrides());
        return p;
    }

    /**
     * Checks that both buffers answer (failing fast with a clear message when one is down or refuses the
     * credentials) and that the stage's topics exist, then starts the HTTP endpoints and the Streams client; returns
     * once they run.
     *
     * @throws BufferCheck.BufferUnavailableException when a buffer cannot be used
     * @throws StageStartException listing the topics that are missing or have other partitions than expected
     */
    public synchronized void start() {
        BufferCheck.verify(settings.input(), BUFFER_CHECK_TIMEOUT);
        BufferCheck.verify(settings.output(), BUFFER_CHECK_TIMEOUT);
        List<String> problems = new ArrayList<>(TopicCheck.problems(settings.input(), config.reads(),
                BUFFER_CHECK_TIMEOUT));
        problems.addAll(TopicCheck.problems(settings.output(), config.writes(), BUFFER_CHECK_TIMEOUT));
        if (!problems.isEmpty()) {
            throw new StageStartException(String.join("; ", problems) + ". Stages never create their topics: "
                    + "create them with `pipeline apply -f <pipeline file>`");
        }
        http = new HealthServer(settings.httpPort(), settings.applicationId(), streams::state, metrics::scrape);
        streamsMetrics = new KafkaStreamsMetrics(streams, Tags.of("stage", settings.applicationId()));
        streamsMetrics.bindTo(metrics.registry());
        log.info("stage {} starting: {}; input {}, output {}, {} thread(s), http port {}", settings.applicationId(),
                config.describe(), settings.input(), settings.output(), settings.threads(), http.port());
        streams.start();
    }

    /** The settings this stage runs with. */
    public StageConfig config() {
        return config;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** The bound HTTP port (after {@link #start}). */
    public int httpPort() {
        return http.port();
    }

    /** The input partitions this instance processes right now (its active tasks). */
    public Set<TopicPartition> activePartitions() {
        return streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
    }

    public StageMetrics metrics() {
        return metrics;
    }

    /** True when the Streams client went to ERROR. */
    public boolean failed() {
        return failed;
    }

    /** Waits until the client stops by itself (ERROR) or is closed; true if it did within the timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("stage {} closing", settings.applicationId());
        // leave the group at once, so that the other instances take over its partitions without waiting for the
        // session time-out (a scale-down or rolling restart moves work in seconds, not 45 s)
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (http != null) {
            http.close();
        }
        List<AutoCloseable> resources = new ArrayList<>(parts.resources());
        java.util.Collections.reverse(resources);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("stage {}: closing {} failed: {}", settings.applicationId(), r, e.toString());
            }
        }
        terminated.countDown();
    }

    /**
     * Starts the stage and runs it until SIGTERM (0) or until it fails (1); a buffer or topic it cannot use at
     * start-up is reported on standard error (1). For {@link StageMain}.
     */
    int runUntilStopped() {
        log.info("topology of {}:\n{}", settings.applicationId(), parts.topology().describe());
        Thread hook = new Thread(this::close, "shutdown-" + settings.applicationId());
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start();
        } catch (BufferCheck.BufferUnavailableException | StageStartException e) {
            log.error("stage {} cannot start: {}", settings.applicationId(), e.getMessage());
            close();
            return 1;
        }
        try {
            terminated.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return failed ? 1 : 0;
    }
}
