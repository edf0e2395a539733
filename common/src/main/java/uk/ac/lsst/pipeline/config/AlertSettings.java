package uk.ac.lsst.pipeline.config;

import java.time.Clock;
import org.apache.kafka.streams.AutoOffsetReset;
import uk.ac.lsst.pipeline.alert.AlertDecoder;

/**
 * How a stage takes in alerts, the same for every stage that decodes them: the alerts topic of the ingest buffer,
 * where a new consumer group starts, the largest alert accepted and where Rubin's schemas come from. Read from:
 *
 * <pre>
 * ALERTS_TOPIC        the alerts topic of the ingest buffer (default alerts; buffer-ingest writes it, the others read it)
 * ALERTS_PARTITIONS   the partitions it must have (default: any)
 * START_FROM          earliest | latest | 2026-11-26T18:00:00Z | PT6H: where a new consumer group starts (default earliest)
 * MAX_ALERT_BYTES     larger alert messages go to the dead-letter topic, too-large (default 4194304)
 * SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_USERNAME, SCHEMA_REGISTRY_PASSWORD, SCHEMA_DIR
 *                     where Rubin wire-format schemas come from (see {@link SchemaSettings})
 * </pre>
 */
public record AlertSettings(TopicUse alerts, StartFrom startFrom, int maxAlertBytes, SchemaSettings schemas) {

    public static final int DEFAULT_MAX_ALERT_BYTES = 4 * 1024 * 1024;

    /** Reads the variables above; problems go to {@code env}. */
    public static AlertSettings fromEnv(Env env) {
        StartFrom start = new StartFrom("earliest");
        try {
            start = StartFrom.parse(env.string("START_FROM", "earliest"));
        } catch (IllegalArgumentException e) {
            env.problem(e.getMessage());
        }
        return new AlertSettings(TopicUse.fromEnv(env, "alerts", "alerts"), start,
                env.integer("MAX_ALERT_BYTES", DEFAULT_MAX_ALERT_BYTES, 1024, 64 * 1024 * 1024),
                SchemaSettings.fromEnv(env));
    }

    /** A decoder of these limits and schemas; with {@code cutouts} false the cutout bytes are skipped unread. */
    public AlertDecoder decoder(boolean cutouts) {
        return new AlertDecoder(schemas.toSchemaSource(), cutouts, maxAlertBytes);
    }

    /** Kafka Streams' reset policy for partitions without a committed offset, instants taken against {@code clock}. */
    public AutoOffsetReset offsetReset(Clock clock) {
        return startFrom.toOffsetReset(clock);
    }
}
