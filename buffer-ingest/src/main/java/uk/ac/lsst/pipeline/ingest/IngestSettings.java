package uk.ac.lsst.pipeline.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.stage.StageConfig;

/**
 * Settings of buffer-ingest. The input buffer is the upstream cluster (ZTF's or Rubin's), the output buffer is
 * the ingest buffer. Besides {@link StageSettings} and {@link AlertSettings} (whose {@code ALERTS_TOPIC} is the topic
 * written here, and whose {@code START_FROM} applies to the upstream topics):
 *
 * <pre>
 * UPSTREAM_TOPICS            comma-separated upstream topics, or
 * UPSTREAM_TOPIC_PATTERN     a Java regex over topic names, e.g. ztf_\d{8}_programid1   (one of the two)
 * COMPACT_TOPIC              the compact alerts on the ingest buffer (default alerts-compact)
 * COMPACT_PARTITIONS         the partitions it must have (default: any)
 * </pre>
 *
 * The dead-letter topic defaults to {@code ingest-dead-letters}.
 */
public record IngestSettings(
        StageSettings stage,
        List<String> upstreamTopics,
        Pattern upstreamPattern,
        AlertSettings alerts,
        TopicUse compact) implements StageConfig {

    /**
     * The first hop of the low-latency path: the latency settings of {@link StageDefaults#LOW_LATENCY}, and
     * {@code producer.batch.size=262144}: a full alert (Rubin's are 130-230 KB) larger than the producer's batch
     * size (16 KB by default) gets a buffer of its own, allocated and zeroed for that one send and then garbage;
     * with batches of 256 KB every alert fits one of the producer's pooled buffers. And
     * {@code producer.compression.type=lz4}: the brokers store and move 0.55 of the bytes of Rubin alerts (their
     * cutouts compress), which costs them less than it costs buffer-ingest to compress and the thumbnailer to
     * decompress; the records themselves, the upstream bytes, are unchanged. {@code KAFKA_PRODUCER_COMPRESSION_TYPE}
     * overrides it ({@code none}, {@code zstd}, ...).
     */
    static final StageDefaults DEFAULTS = new StageDefaults("buffer-ingest", "ingest-dead-letters", 1,
            withBatchingAndCompression(StageDefaults.LOW_LATENCY));

    private static Map<String, String> withBatchingAndCompression(Map<String, String> latency) {
        Map<String, String> streams = new HashMap<>(latency);
        streams.put("producer.batch.size", String.valueOf(256 * 1024));
        streams.put("producer.compression.type", "lz4");
        return streams;
    }

    public IngestSettings {
        upstreamTopics = List.copyOf(upstreamTopics);
    }


    /** The upstream topics named in the settings (none when they are chosen by a pattern). */
    @Override
    public List<TopicUse> reads() {
        return upstreamTopics.stream().map(t -> new TopicUse("upstream", t, 0)).toList();
    }

    @Override
    public List<TopicUse> writes() {
        List<TopicUse> writes = new ArrayList<>();
        writes.add(alerts.alerts());
        writes.add(compact);
        writes.add(stage.deadLetters());
        return writes;
    }

    @Override
    public String describe() {
        return "mirrors " + upstreamDescription() + " into " + alerts.alerts() + ", compact forms into " + compact;
    }

    /** Describes the upstream source for logs. */
    public String upstreamDescription() {
        return upstreamPattern != null ? "topics matching /" + upstreamPattern.pattern() + "/" : "topics " + upstreamTopics;
    }
}
