package uk.ac.lsst.pipeline.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every stage needs, whatever it does: its identity, its input and output buffers, its parallelism and its
 * HTTP port. Read from:
 *
 * <pre>
 * APPLICATION_ID       Kafka Streams application id = consumer group on the input buffer (default: the stage's name)
 * INPUT_*              the input buffer, see {@link BufferSettings}
 * OUTPUT_*             the output buffer (may name the same cluster as the input)
 * STREAM_THREADS       stream threads in this instance, 1..64 (default 1); replicas x threads <= input partitions
 * HTTP_PORT            port of /health/live, /health/ready and /metrics (default 8080; 0 picks a free one)
 * DEAD_LETTER_TOPIC    topic on the output buffer for records the stage cannot process
 * STATE_DIR            Kafka Streams state directory (default: java.io.tmpdir/kafka-streams)
 * KAFKA_*              Kafka Streams properties, e.g. KAFKA_COMMIT_INTERVAL_MS=100, KAFKA_PRODUCER_LINGER_MS=5
 * </pre>
 */
public record StageSettings(
        String applicationId,
        BufferSettings input,
        BufferSettings output,
        int threads,
        int httpPort,
        String deadLetterTopic,
        Path stateDir,
        Map<String, String> streamsOverrides) {

    public StageSettings {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    /** Reads the common variables; problems go to {@code env} (call {@link Env#check()} after the stage's own). */
    public static StageSettings fromEnv(Env env, String defaultApplicationId, String defaultDeadLetterTopic) {
        return new StageSettings(
                env.string("APPLICATION_ID", defaultApplicationId),
                BufferSettings.fromEnv(env, "INPUT"),
                BufferSettings.fromEnv(env, "OUTPUT"),
                env.integer("STREAM_THREADS", 1, 1, 64),
                env.integer("HTTP_PORT", 8080, 0, 65535),
                env.string("DEAD_LETTER_TOPIC", defaultDeadLetterTopic),
                Path.of(env.string("STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString())),
                env.kafkaProperties("KAFKA_"));
    }

    /** Settings for a local run: plaintext buffers, given threads, an ephemeral HTTP port. */
    public static StageSettings local(String applicationId, String inputBootstrap, String outputBootstrap, int threads,
                                      String deadLetterTopic, Path stateDir, Map<String, String> streamsOverrides) {
        return new StageSettings(applicationId, BufferSettings.plaintext("INPUT", inputBootstrap),
                BufferSettings.plaintext("OUTPUT", outputBootstrap), threads, 0, deadLetterTopic, stateDir,
                streamsOverrides);
    }
}
