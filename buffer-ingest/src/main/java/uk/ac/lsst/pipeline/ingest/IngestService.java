package uk.ac.lsst.pipeline.ingest;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.buffer.BufferCheck;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Wires buffer-ingest: makes sure its topics exist on the ingest buffer, then starts the stage. */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private IngestService() {
    }

    /**
     * Creates the alerts and dead-letter topics on the output (ingest) buffer where missing.
     *
     * @throws BufferCheck.BufferUnavailableException when the ingest buffer cannot be reached or refuses us
     */
    public static void ensureTopics(IngestSettings settings) {
        BufferCheck.verify(settings.stage().output(), Duration.ofSeconds(30));
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

    /** The stage, not started: its topics must exist. */
    public static StageRunner create(IngestSettings settings, StageMetrics metrics) {
        return new StageRunner(settings.stage(), IngestTopology.build(settings, decoder(settings), metrics), metrics);
    }

    /** Ensures topics, then creates and starts the stage. */
    public static StageRunner start(IngestSettings settings, StageMetrics metrics) {
        ensureTopics(settings);
        StageRunner runner = create(settings, metrics);
        log.info("buffer-ingest mirrors {} into topic {} ({} partitions)", settings.upstreamDescription(),
                settings.alertsTopic().name(), settings.alertsTopic().partitions());
        runner.start();
        return runner;
    }
}
