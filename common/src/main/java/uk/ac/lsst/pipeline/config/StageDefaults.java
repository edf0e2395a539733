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

    /**
     * Kafka Streams properties of the stages on the low-latency path (from upstream to a watch-list hit or a filter's
     * output), under any {@code KAFKA_*} variable:
     * <ul>
     *   <li>{@code producer.linger.ms=0}: send each result at once (Kafka Streams' own default is 100 ms, which a
     *       record waits at every hop);</li>
     *   <li>{@code consumer.fetch.max.wait.ms=10}: a fetch that found nothing returns after 10 ms, not 500;</li>
     *   <li>{@code consumer.max.poll.records=100}: small batches, so no alert waits behind a long batch.</li>
     * </ul>
     * The commit interval is left alone: commits do not delay results (they are sent as soon as produced).
     */
    public static final Map<String, String> LOW_LATENCY = Map.of(
            "producer.linger.ms", "0",
            "consumer.fetch.max.wait.ms", "10",
            "consumer.max.poll.records", "100");

    public StageDefaults {
        streams = Map.copyOf(streams);
    }

    /** One thread, Kafka Streams' own defaults. */
    public static StageDefaults of(String applicationId, String deadLetterTopic) {
        return new StageDefaults(applicationId, deadLetterTopic, 1, Map.of());
    }
}
