package uk.ac.lsst.pipeline.thumbnails;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.thumbnails.store.FileThumbnailStore;
import uk.ac.lsst.pipeline.thumbnails.store.ThumbnailStore;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;

/** Wires thumbnail-service: its topics on the output buffer, its decoder and store, then the stage. */
public final class ThumbnailService {
    private static final Logger log = LoggerFactory.getLogger(ThumbnailService.class);

    private ThumbnailService() {
    }

    /** Creates the thumbnails and dead-letter topics on the output buffer where missing. */
    public static void ensureTopics(ThumbnailSettings settings) {
        try (Admin admin = Admin.create(settings.stage().output().clientProperties())) {
            List<String> created = new TopicAdmin(admin, Duration.ofSeconds(60))
                    .ensure(List.of(settings.thumbnailsTopic(), settings.deadLetterTopic()));
            if (created.isEmpty()) {
                log.info("topics {} and {} already exist on the output buffer", settings.thumbnailsTopic().name(),
                        settings.deadLetterTopic().name());
            }
        }
    }

    /** The decoder this stage uses: cutouts kept, size bounded, schemas as the settings say. */
    public static AlertDecoder decoder(ThumbnailSettings settings) {
        return new AlertDecoder(settings.schemas().toSchemaSource(), true, settings.maxAlertBytes());
    }

    /** The file tree under {@code THUMBNAIL_DIR} (created if missing). */
    public static ThumbnailStore store(ThumbnailSettings settings) {
        try {
            return new FileThumbnailStore(settings.thumbnailDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create THUMBNAIL_DIR " + settings.thumbnailDir(), e);
        }
    }

    /** The stage's topology with its decoder and store. */
    public static Topology topology(ThumbnailSettings settings, StageMetrics metrics) {
        return ThumbnailTopology.build(settings, decoder(settings), store(settings), metrics);
    }

    /** Ensures topics, then creates and starts the stage. */
    public static StageRunner start(ThumbnailSettings settings, StageMetrics metrics) {
        ensureTopics(settings);
        StageRunner runner = new StageRunner(settings.stage(), topology(settings, metrics), metrics);
        log.info("thumbnail-service renders {} into {} ({}, size {}, {}), records to {}", settings.alertsTopic(),
                settings.thumbnailDir(), settings.render().format().code(),
                RenderOptions.sizeName(settings.render().sizePx()),
                settings.render().stretch().code(), settings.thumbnailsTopic().name());
        runner.start();
        return runner;
    }
}
