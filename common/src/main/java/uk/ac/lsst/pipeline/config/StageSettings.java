package uk.ac.lsst.pipeline.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What every stage needs, whatever it does: its identity, its input and output buffers, its parallelism, its HTTP
 * port and its dead-letter topic. Read from:
 *
 * <pre>
 * APPLICATION_ID       Kafka Streams application id = consumer group on the input buffer (default: the stage's name)
 * INPUT_*              the input buffer, see {@link BufferSettings}
 * OUTPUT_*             the output buffer (may name the same cluster as the input)
 * STREAM_THREADS       stream threads in this instance, 1..64 (default 1); replicas x threads <= input partitions
 * HTTP_PORT            port of /health/live, /health/ready and /metrics (default 8080; 0 picks a free one)
 * DEAD_LETTER_TOPIC    topic on the output buffer for records the stage cannot process
 * DEAD_LETTERS_PARTITIONS  the partitions it must have (default: any)
 * STATE_DIR            Kafka Streams state directory (default: java.io.tmpdir/kafka-streams)
 * KAFKA_*              Kafka Streams properties, e.g. KAFKA_COMMIT_INTERVAL_MS=100, KAFKA_PRODUCER_LINGER_MS=5
 * </pre>
 *
 * @param streamsOverrides Kafka Streams properties: the stage type's defaults, then every {@code KAFKA_*} variable
 */
public record StageSettings(
        String applicationId,
        BufferSettings input,
        BufferSettings output,
        int threads,
        int httpPort,
        TopicUse deadLetters,
        Path stateDir,
        Map<String, String> streamsOverrides) {

    public StageSettings {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    /** Reads the common variables; problems go to {@code env} (call {@link Env#check()} after the stage's own). */
    public static StageSettings fromEnv(Env env, StageDefaults defaults) {
        Map<String, String> streams = new HashMap<>(defaults.streams());
        streams.putAll(env.kafkaProperties("KAFKA_"));
        return new StageSettings(
                env.string("APPLICATION_ID", defaults.applicationId()),
                BufferSettings.fromEnv(env, "INPUT"),
                BufferSettings.fromEnv(env, "OUTPUT"),
                env.integer("STREAM_THREADS", defaults.threads(), 1, 64),
                env.integer("HTTP_PORT", 8080, 0, 65535),
                TopicUse.fromEnv(env, "dead-letters", defaults.deadLetterTopic()),
                Path.of(env.string("STATE_DIR", Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString())),
                streams);
    }
}
