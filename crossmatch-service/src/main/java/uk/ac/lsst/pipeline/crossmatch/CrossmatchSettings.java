package uk.ac.lsst.pipeline.crossmatch;

import java.time.Duration;
import java.util.Map;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.SchemaSettings;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;

/**
 * Settings of crossmatch-service. The input buffer is the ingest buffer, the output buffer the science buffer.
 * Besides {@link StageSettings} and {@link CatalogueSettings} (the catalogues and the classification rules):
 *
 * <pre>
 * ALERTS_TOPIC                  topic of alerts on the ingest buffer (default alerts)
 * CROSSMATCH_TOPIC              topic of results on the output buffer (default crossmatch)
 * CROSSMATCH_PARTITIONS         its partitions when created (default 16)
 * CROSSMATCH_REPLICATION_FACTOR its replicas when created (default -1: the broker's default)
 * CROSSMATCH_RETENTION          its retention (default P7D)
 * MAX_ALERT_BYTES               larger alerts go to the dead-letter topic (default 4194304)
 * SCHEMA_REGISTRY_URL, SCHEMA_DIR, ...   where Rubin wire-format schemas come from (see SchemaSettings)
 * </pre>
 *
 * The application id defaults to {@code crossmatch-service}, the dead-letter topic to
 * {@code crossmatch-dead-letters}.
 */
public record CrossmatchSettings(
        StageSettings stage,
        String alertsTopic,
        TopicSpec outputTopic,
        TopicSpec deadLetterTopic,
        int maxAlertBytes,
        SchemaSettings schemas,
        CatalogueSettings catalogues) {

    public static final String APPLICATION_ID = "crossmatch-service";
    public static final String DEAD_LETTER_TOPIC = "crossmatch-dead-letters";

    /**
     * Reads and validates every variable; throws {@link uk.ac.lsst.pipeline.config.SettingsException} listing all
     * problems at once.
     */
    public static CrossmatchSettings fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        StageSettings stage = StageSettings.fromEnv(env, APPLICATION_ID, DEAD_LETTER_TOPIC);
        String alerts = env.string("ALERTS_TOPIC", "alerts");
        String output = env.string("CROSSMATCH_TOPIC", "crossmatch");
        int partitions = env.integer("CROSSMATCH_PARTITIONS", 16, 1, 10_000);
        short replication = (short) env.integer("CROSSMATCH_REPLICATION_FACTOR", -1, -1, 32);
        if (replication == 0) {
            env.problem("CROSSMATCH_REPLICATION_FACTOR=0 is invalid: expected -1 (broker default) or at least 1");
        }
        Duration retention = env.duration("CROSSMATCH_RETENTION", Duration.ofDays(7));
        int maxBytes = env.integer("MAX_ALERT_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        SchemaSettings schemas = SchemaSettings.fromEnv(env);
        CatalogueSettings catalogues = CatalogueSettings.fromEnv(env, vars);
        env.check();
        TopicSpec outputTopic = new TopicSpec(output, partitions, replication,
                Map.of("retention.ms", String.valueOf(retention.toMillis())));
        TopicSpec dlq = new TopicSpec(stage.deadLetterTopic(), 1, replication,
                Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()),
                        "max.message.bytes", String.valueOf(maxBytes + 64 * 1024)));
        return new CrossmatchSettings(stage, alerts, outputTopic, dlq, maxBytes, schemas, catalogues);
    }
}
