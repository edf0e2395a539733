package uk.ac.lsst.pipeline.thumbnails;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageParts;
import uk.ac.lsst.pipeline.stage.StageStartException;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;
import uk.ac.lsst.pipeline.thumbnails.store.FileThumbnailStore;

/**
 * thumbnail-service: renders the cutouts of every alert into images under {@code THUMBNAIL_DIR} and publishes a
 * record describing them once they are stored. CPU-bound and allowed to lag: tuned for throughput.
 */
public final class ThumbnailStage implements Stage<ThumbnailSettings> {
    public static final StageKind KIND = new StageKind("thumbnail-service", List.of("alerts"),
            List.of("thumbnails", "dead-letters"), false);

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public ThumbnailSettings settings(Env env) {
        StageSettings stage = StageSettings.fromEnv(env, ThumbnailSettings.DEFAULTS);
        AlertSettings alerts = AlertSettings.fromEnv(env);
        String dir = env.required("THUMBNAIL_DIR", "the directory to write thumbnails into");
        Path thumbnailDir = dir == null ? null : Path.of(dir);
        if (thumbnailDir != null && Files.exists(thumbnailDir) && !Files.isDirectory(thumbnailDir)) {
            env.problem("THUMBNAIL_DIR='" + dir + "' is not a directory: expected a directory (created if missing)");
        }
        Optional<URI> baseUrl = baseUrl(env);
        ImageFormat format = env.enumValue("THUMBNAIL_FORMAT", ImageFormat.class, ImageFormat.JPEG);
        int size = env.value("THUMBNAIL_SIZE_PX", RenderOptions.DEFAULT_SIZE_PX, RenderOptions::parseSize,
                RenderOptions.SIZE_EXPECTED);
        Stretch stretch = env.enumValue("THUMBNAIL_STRETCH", Stretch.class, Stretch.LINEAR);
        int quality = env.integer("JPEG_QUALITY", RenderOptions.DEFAULT_JPEG_QUALITY, 1, 100);
        int maxCutoutBytes = env.integer("MAX_CUTOUT_BYTES", 4 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024);
        return new ThumbnailSettings(stage, alerts, TopicUse.fromEnv(env, "thumbnails", "thumbnails"), thumbnailDir,
                baseUrl, new RenderOptions(format, size, stretch, quality), maxCutoutBytes);
    }

    /** @throws StageStartException when {@code THUMBNAIL_DIR} cannot be created */
    @Override
    public StageParts build(ThumbnailSettings settings, StageContext context) {
        FileThumbnailStore store;
        try {
            store = new FileThumbnailStore(settings.thumbnailDir());
        } catch (IOException e) {
            throw new StageStartException("THUMBNAIL_DIR='" + settings.thumbnailDir() + "' cannot be created: " + e,
                    e);
        }
        ThumbnailMetrics meters = new ThumbnailMetrics(context.metrics().registry(), context.metrics().stage());
        return StageParts.of(ThumbnailTopology.build(settings, settings.alerts().decoder(true), store, meters,
                context));
    }

    private static Optional<URI> baseUrl(Env env) {
        return env.optional("THUMBNAIL_BASE_URL").flatMap(u -> {
            try {
                URI uri = URI.create(u.endsWith("/") ? u : u + "/");
                if (uri.getScheme() != null && uri.getScheme().startsWith("http") && uri.getHost() != null) {
                    return Optional.of(uri);
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            env.problem("THUMBNAIL_BASE_URL='" + u + "' is invalid: expected an http(s) URL such as "
                    + "https://lasair.example/thumbnails/");
            return Optional.empty();
        });
    }
}
