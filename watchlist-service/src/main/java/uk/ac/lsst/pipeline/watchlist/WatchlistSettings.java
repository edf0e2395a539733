package uk.ac.lsst.pipeline.watchlist;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.SchemaSettings;
import uk.ac.lsst.pipeline.config.StageSettings;

/**
 * Settings of watchlist-service. The input buffer is the ingest buffer (alerts and the watch-lists topic), the
 * output buffer receives hits and dead letters. Besides {@link StageSettings}:
 *
 * <pre>
 * ALERTS_TOPIC            alerts topic on the input buffer (default alerts)
 * START_FROM              earliest | latest: where a new consumer group starts in the alerts (default earliest)
 * WATCHLISTS_TOPIC        compacted topic of watch lists on the input buffer (default watchlists; created if missing)
 * HITS_TOPIC              topic of hits on the output buffer (default watchlist-hits; created if missing)
 * HITS_PARTITIONS         its partitions when created (default 4)
 * HITS_RETENTION          its retention (default P7D)
 * REPLICATION_FACTOR      replicas of the topics this stage creates (default -1: the broker's default)
 * INDEX_DEBOUNCE          quiet time after a watch-list change before the index is rebuilt (default PT0.2S)
 * INDEX_MAX_DELAY         longest delay of a rebuild while changes keep coming (default PT5S)
 * MAX_ALERT_BYTES         larger alerts go to the dead-letter topic (default 4194304)
 * SCHEMA_REGISTRY_URL, SCHEMA_DIR, ...  Rubin wire-format schemas (see SchemaSettings)
 * </pre>
 *
 * Latency defaults (this is the lowest-latency stage) are added under the {@code KAFKA_*} overrides, which win:
 * see {@link #LATENCY_DEFAULTS}; {@code STREAM_THREADS} defaults to {@link #DEFAULT_STREAM_THREADS}. The dead-letter topic defaults to {@code watchlist-dead-letters}.
 */
public record WatchlistSettings(
        StageSettings stage,
        String alertsTopic,
        String startFrom,
        TopicSpec watchlistsTopic,
        TopicSpec hitsTopic,
        TopicSpec deadLetterTopic,
        Duration indexDebounce,
        Duration indexMaxDelay,
        int maxAlertBytes,
        SchemaSettings schemas) {

    public static final String APPLICATION_ID = "watchlist-service";
    public static final String DEFAULT_WATCHLISTS_TOPIC = "watchlists";
    public static final String DEFAULT_HITS_TOPIC = "watchlist-hits";
    /**
     * Stream threads when {@code STREAM_THREADS} is not set: 2, not 1 as for other stages. With one thread, an alert
     * stalled behind a pause (GC, a busy core) holds up every partition's alerts; with two, the other thread goes
     * on. Measured on a 2-core machine at 500 alerts/s: p99 from ingest to output buffer 39-42 ms with 2 threads,
     * 88-142 ms with 1.
     */
    public static final int DEFAULT_STREAM_THREADS = 2;

    /**
     * Kafka Streams properties this stage sets unless {@code KAFKA_*} says otherwise:
     * <ul>
     *   <li>{@code producer.linger.ms=0}: send each hit at once (Kafka Streams' own default is 100 ms);</li>
     *   <li>{@code consumer.fetch.max.wait.ms=10}: a fetch that found nothing returns after 10 ms, not 500;</li>
     *   <li>{@code consumer.max.poll.records=100}: small batches, so no hit waits behind a long batch.</li>
     * </ul>
     * The commit interval is left alone: commits do not delay hits (they are sent as soon as produced).
     */
    public static final Map<String, String> LATENCY_DEFAULTS = latencyDefaults();

    /** Reads and validates every variable; throws {@link uk.ac.lsst.pipeline.config.SettingsException} listing all problems. */
    public static WatchlistSettings fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        StageSettings stage = StageSettings.fromEnv(env, APPLICATION_ID, "watchlist-dead-letters");
        String startFrom = env.string("START_FROM", "earliest");
        if (!startFrom.equals("earliest") && !startFrom.equals("latest")) {
            env.problem("START_FROM='" + startFrom + "' is invalid: expected earliest or latest");
        }
        int hitsPartitions = env.integer("HITS_PARTITIONS", 4, 1, 10_000);
        Duration hitsRetention = env.duration("HITS_RETENTION", Duration.ofDays(7));
        short replication = (short) env.integer("REPLICATION_FACTOR", -1, -1, 32);
        if (replication == 0) {
            env.problem("REPLICATION_FACTOR=0 is invalid: expected -1 (broker default) or at least 1");
        }
        Duration debounce = env.duration("INDEX_DEBOUNCE", Duration.ofMillis(200));
        Duration maxDelay = env.duration("INDEX_MAX_DELAY", Duration.ofSeconds(5));
        int maxBytes = env.integer("MAX_ALERT_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        SchemaSettings schemas = SchemaSettings.fromEnv(env);
        String alerts = env.string("ALERTS_TOPIC", "alerts");
        String watchlists = env.string("WATCHLISTS_TOPIC", DEFAULT_WATCHLISTS_TOPIC);
        String hits = env.string("HITS_TOPIC", DEFAULT_HITS_TOPIC);
        env.check();
        boolean threadsGiven = env.optional("STREAM_THREADS").isPresent();
        return new WatchlistSettings(withLatencyDefaults(stage, threadsGiven), alerts, startFrom,
                watchlistsTopic(watchlists, replication), hitsTopic(hits, hitsPartitions, replication, hitsRetention),
                new TopicSpec(stage.deadLetterTopic(), 1, replication,
                        Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()),
                                "max.message.bytes", String.valueOf(maxBytes + 64 * 1024))),
                debounce, maxDelay, maxBytes, schemas);
    }

    /**
     * The compacted topic that holds the watch lists, one partition (it is small, and one partition keeps every
     * record of a list in order). Segments roll hourly so that replaced generations are compacted away soon.
     */
    public static TopicSpec watchlistsTopic(String name, short replication) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", "compact");
        configs.put("segment.ms", String.valueOf(Duration.ofHours(1).toMillis()));
        configs.put("min.cleanable.dirty.ratio", "0.1");
        return new TopicSpec(name, 1, replication, configs);
    }

    /**
     * The hits topic: log-append time, so that a hit's Kafka timestamp says when it reached the output buffer
     * (compare with {@code appendedAtMs} for the end-to-end latency).
     */
    public static TopicSpec hitsTopic(String name, int partitions, short replication, Duration retention) {
        return new TopicSpec(name, partitions, replication, Map.of(
                "retention.ms", String.valueOf(retention.toMillis()),
                "message.timestamp.type", "LogAppendTime"));
    }

    private static StageSettings withLatencyDefaults(StageSettings stage, boolean threadsGiven) {
        Map<String, String> overrides = new HashMap<>(LATENCY_DEFAULTS);
        overrides.putAll(stage.streamsOverrides());
        return new StageSettings(stage.applicationId(), stage.input(), stage.output(),
                threadsGiven ? stage.threads() : DEFAULT_STREAM_THREADS, stage.httpPort(), stage.deadLetterTopic(),
                stage.stateDir(), overrides);
    }

    private static Map<String, String> latencyDefaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("producer.linger.ms", "0");
        m.put("consumer.fetch.max.wait.ms", "10");
        m.put("consumer.max.poll.records", "100");
        return Map.copyOf(m);
    }
}
