package uk.ac.lsst.pipeline.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.SchemaSettings;
import uk.ac.lsst.pipeline.config.StageSettings;

/**
 * Settings of buffer-ingest. The input buffer is the upstream cluster (ZTF's or Rubin's), the output buffer is
 * the ingest buffer. Besides {@link StageSettings}:
 *
 * <pre>
 * UPSTREAM_TOPICS            comma-separated upstream topics, or
 * UPSTREAM_TOPIC_PATTERN     a Java regex over topic names, e.g. ztf_\d{8}_programid1   (one of the two)
 * START_FROM                 earliest | latest | 2026-11-26T18:00:00Z | PT6H   (default earliest; first run only)
 * ALERTS_TOPIC               topic on the ingest buffer (default alerts)
 * ALERTS_PARTITIONS          partitions when it is created (default 16)
 * ALERTS_REPLICATION_FACTOR  replicas when it is created (default -1: the broker's default)
 * ALERTS_RETENTION           rolling retention by time (default P7D)
 * ALERTS_RETENTION_BYTES     rolling retention by size per partition (default -1: none)
 * MAX_ALERT_BYTES            larger messages go to the dead-letter topic (default 4194304)
 * SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD, SCHEMA_DIR
 *                            where Rubin wire-format schemas come from (see SchemaSettings)
 * </pre>
 *
 * The dead-letter topic defaults to {@code ingest-dead-letters}.
 */
public record IngestSettings(
        StageSettings stage,
        List<String> upstreamTopics,
        Pattern upstreamPattern,
        StartFrom startFrom,
        TopicSpec alertsTopic,
        TopicSpec deadLetterTopic,
        int maxAlertBytes,
        SchemaSettings schemas) {

    public static final String APPLICATION_ID = "buffer-ingest";

    public IngestSettings {
        upstreamTopics = List.copyOf(upstreamTopics);
    }

    /** Reads and validates every variable; throws {@link uk.ac.lsst.pipeline.config.SettingsException} listing all problems. */
    public static IngestSettings fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        StageSettings stage = StageSettings.fromEnv(env, APPLICATION_ID, "ingest-dead-letters");
        List<String> topics = env.list("UPSTREAM_TOPICS");
        Pattern pattern = null;
        String regex = env.optional("UPSTREAM_TOPIC_PATTERN").orElse(null);
        if (regex != null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                env.problem("UPSTREAM_TOPIC_PATTERN='" + regex + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        if (topics.isEmpty() && regex == null) {
            env.problem("UPSTREAM_TOPICS or UPSTREAM_TOPIC_PATTERN is missing: expected the upstream topics to mirror");
        } else if (!topics.isEmpty() && regex != null) {
            env.problem("UPSTREAM_TOPICS and UPSTREAM_TOPIC_PATTERN are both set: expected only one");
        }
        StartFrom start = new StartFrom("earliest");
        try {
            start = StartFrom.parse(env.string("START_FROM", "earliest"));
        } catch (IllegalArgumentException e) {
            env.problem(e.getMessage());
        }
        int partitions = env.integer("ALERTS_PARTITIONS", 16, 1, 10_000);
        short replication = (short) env.integer("ALERTS_REPLICATION_FACTOR", -1, -1, 32);
        if (replication == 0) {
            env.problem("ALERTS_REPLICATION_FACTOR=0 is invalid: expected -1 (broker default) or at least 1");
        }
        Duration retention = env.duration("ALERTS_RETENTION", Duration.ofDays(7));
        long retentionBytes = env.longValue("ALERTS_RETENTION_BYTES", -1, -1, Long.MAX_VALUE);
        int maxBytes = env.integer("MAX_ALERT_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        SchemaSettings schemas = SchemaSettings.fromEnv(env);
        env.check();
        TopicSpec alerts = alertsTopic(env.string("ALERTS_TOPIC", "alerts"), partitions, replication, retention,
                retentionBytes, maxBytes);
        TopicSpec dlq = new TopicSpec(stage.deadLetterTopic(), 1, replication,
                Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()),
                        "max.message.bytes", String.valueOf(maxBytes + 64 * 1024)));
        return new IngestSettings(stage, topics, pattern, start, alerts, dlq, maxBytes, schemas);
    }

    /**
     * The alerts topic: rolling retention, and log-append time so that every record's timestamp says when it
     * entered the ingest buffer (the upstream time travels in a header).
     */
    public static TopicSpec alertsTopic(String name, int partitions, short replication, Duration retention,
                                        long retentionBytes, int maxAlertBytes) {
        Map<String, String> configs = new HashMap<>();
        configs.put("retention.ms", String.valueOf(retention.toMillis()));
        configs.put("retention.bytes", String.valueOf(retentionBytes));
        configs.put("message.timestamp.type", "LogAppendTime");
        configs.put("max.message.bytes", String.valueOf(maxAlertBytes + 64 * 1024));
        return new TopicSpec(name, partitions, replication, configs);
    }

    /** Describes the upstream source for logs. */
    public String upstreamDescription() {
        return upstreamPattern != null ? "topics matching /" + upstreamPattern.pattern() + "/" : "topics " + upstreamTopics;
    }
}
