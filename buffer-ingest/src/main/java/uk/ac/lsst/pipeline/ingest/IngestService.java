package uk.ac.lsst.pipeline.ingest;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Wires buffer-ingest: makes sure its topics exist on the ingest buffer, then starts the stage. */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private IngestService() {
    }

    /** Creates the alerts and dead-letter topics on the output (ingest) buffer where missing. */
    public static void ensureTopics(IngestSettings settings) {
        try (Admin admin = Admin.create(settings.stage().output().clientProperties())) {
            List<String> created = new TopicAdmin(admin, Duration.ofSeconds(60))
                    .ensure(List.of(settings.alertsTopic(), settings.deadLetterTopic()));
            if (created.isEmpty()) {
                log.info("topics {} and {} already exist on the ingest buffer", settings.alertsTopic().name(),
                        settings.deadLetterTopic().name());
            }
        }
    }

    /** The decoder ingest validates with: cutouts skipped, size bounded, schemas as the settings say. */
    public static AlertDecoder decoder(IngestSettings settings) {
        return new AlertDecoder(settings.schemas().toSchemaSource(), false, settings.maxAlertBytes());
    }

    /** Ensures topics, then creates and starts the stage. */
    public static StageRunner start(IngestSettings settings, StageMetrics metrics) {
        ensureTopics(settings);
        StageRunner runner = new StageRunner(settings.stage(),
                IngestTopology.build(settings, decoder(settings), metrics), metrics);
        log.info("buffer-ingest mirrors {} into topic {} ({} partitions)", settings.upstreamDescription(),
                settings.alertsTopic().name(), settings.alertsTopic().partitions());
        runner.start();
        return runner;
    }
}
