package uk.ac.lsst.pipeline.config;

import java.util.Map;

/**
 * What a stage type uses when its variables do not say otherwise.
 *
 * @param applicationId   its application id and consumer group ({@code APPLICATION_ID})
 * @param deadLetterTopic its dead-letter topic ({@code DEAD_LETTER_TOPIC})
 * @param threads         stream threads per instance ({@code STREAM_THREADS})
 * @param streams         Kafka Streams properties under every {@code KAFKA_*} override (e.g. the latency settings
 *                        of the fast stages, the throughput settings of the thumbnailer)
 */
public record StageDefaults(String applicationId, String deadLetterTopic, int threads, Map<String, String> streams) {

    public StageDefaults {
        streams = Map.copyOf(streams);
    }

    /** One thread, Kafka Streams' own defaults. */
    public static StageDefaults of(String applicationId, String deadLetterTopic) {
        return new StageDefaults(applicationId, deadLetterTopic, 1, Map.of());
    }
}
