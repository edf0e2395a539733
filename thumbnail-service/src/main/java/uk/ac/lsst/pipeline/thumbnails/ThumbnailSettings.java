package uk.ac.lsst.pipeline.thumbnails;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.SchemaSettings;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;

/**
 * Settings of thumbnail-service. Its input buffer is the ingest buffer (topic {@code alerts}, consumer group
 * {@code thumbnail-service}); its output buffer takes the thumbnails topic and the dead letters. Besides
 * {@link StageSettings}:
 *
 * <pre>
 * What the images and records are (changing one changes the results):
 * THUMBNAIL_DIR                 root of the image tree (required; created if missing)
 * THUMBNAIL_BASE_URL            http(s) URL under which THUMBNAIL_DIR is served; records then carry url = base + path
 * THUMBNAIL_FORMAT              jpeg | png (default jpeg)
 * THUMBNAIL_SIZE_PX             cutout (default: each image the cutout's own size, one pixel per cutout pixel) or
 *                               the longer side of every image, 8..2048, resampled by nearest neighbour
 * THUMBNAIL_STRETCH             linear | asinh (default linear)
 * JPEG_QUALITY                  1..100 (default 90)
 *
 * Topics:
 * ALERTS_TOPIC                  input topic on the ingest buffer (default alerts)
 * THUMBNAILS_TOPIC              output topic (default thumbnails)
 * THUMBNAILS_PARTITIONS         its partitions when created (default 16)
 * THUMBNAILS_REPLICATION_FACTOR its replicas when created (default -1: the broker's default)
 * THUMBNAILS_RETENTION          its retention (default P7D)
 *
 * Limits (bad input beyond them becomes a dead letter):
 * MAX_ALERT_BYTES               larger alert messages are dead letters, too-large (default 4194304)
 * MAX_CUTOUT_BYTES              a cutout may inflate to at most this (gzip bombs), and hold at most a quarter as
 *                               many pixels (default 4194304)
 *
 * SCHEMA_DIR, SCHEMA_REGISTRY_URL, ...   where Rubin wire-format schemas come from (see SchemaSettings)
 * </pre>
 *
 * Tuning knobs that never change results: {@code STREAM_THREADS} (rendering is CPU-bound: one per core, up to the
 * partitions of the alerts topic) and {@code KAFKA_*}. This stage may lag, so it is tuned for throughput by default
 * ({@link #THROUGHPUT_DEFAULTS}: large fetches, batched and compressed output); any {@code KAFKA_*} variable
 * overrides them. The dead-letter topic defaults to {@code thumbnail-dead-letters}.
 */
public record ThumbnailSettings(
        StageSettings stage,
        String alertsTopic,
        TopicSpec thumbnailsTopic,
        TopicSpec deadLetterTopic,
        Path thumbnailDir,
        Optional<URI> baseUrl,
        RenderOptions render,
        int maxAlertBytes,
        int maxCutoutBytes,
        SchemaSettings schemas) {

    public static final String APPLICATION_ID = "thumbnail-service";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "thumbnail-dead-letters";

    /** Kafka Streams properties this stage sets unless KAFKA_* says otherwise: throughput over latency. */
    public static final Map<String, String> THROUGHPUT_DEFAULTS = Map.of(
            "consumer.max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024),
            "consumer.fetch.min.bytes", String.valueOf(256 * 1024),
            "consumer.fetch.max.wait.ms", "200",
            "producer.linger.ms", "100",
            "producer.batch.size", String.valueOf(256 * 1024),
            "producer.compression.type", "lz4");

    /** Reads and validates every variable; throws {@link uk.ac.lsst.pipeline.config.SettingsException} listing all problems. */
    public static ThumbnailSettings fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        StageSettings stage = StageSettings.fromEnv(env, APPLICATION_ID, DEFAULT_DEAD_LETTER_TOPIC);
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
        int partitions = env.integer("THUMBNAILS_PARTITIONS", 16, 1, 10_000);
        short replication = (short) env.integer("THUMBNAILS_REPLICATION_FACTOR", -1, -1, 32);
        if (replication == 0) {
            env.problem("THUMBNAILS_REPLICATION_FACTOR=0 is invalid: expected -1 (broker default) or at least 1");
        }
        Duration retention = env.duration("THUMBNAILS_RETENTION", Duration.ofDays(7));
        int maxAlertBytes = env.integer("MAX_ALERT_BYTES", 4 * 1024 * 1024, 1024, 64 * 1024 * 1024);
        int maxCutoutBytes = env.integer("MAX_CUTOUT_BYTES", 4 * 1024 * 1024, 64 * 1024, 256 * 1024 * 1024);
        SchemaSettings schemas = SchemaSettings.fromEnv(env);
        String alerts = env.string("ALERTS_TOPIC", "alerts");
        String thumbnails = env.string("THUMBNAILS_TOPIC", "thumbnails");
        env.check();
        TopicSpec thumbnailsTopic = new TopicSpec(thumbnails, partitions, replication,
                Map.of("retention.ms", String.valueOf(retention.toMillis())));
        TopicSpec dlq = new TopicSpec(stage.deadLetterTopic(), 1, replication,
                Map.of("retention.ms", String.valueOf(Duration.ofDays(30).toMillis()),
                        "max.message.bytes", String.valueOf(maxAlertBytes + 64 * 1024)));
        return new ThumbnailSettings(withThroughputDefaults(stage), alerts, thumbnailsTopic, dlq, thumbnailDir,
                baseUrl, new RenderOptions(format, size, stretch, quality), maxAlertBytes, maxCutoutBytes, schemas);
    }

    /**
     * Settings for a local run (the demo): the given stage, default topics, images and limits, throughput defaults
     * under the stage's own overrides.
     */
    public static ThumbnailSettings local(StageSettings stage, Path thumbnailDir, SchemaSettings schemas) {
        int maxBytes = 4 * 1024 * 1024;
        return new ThumbnailSettings(withThroughputDefaults(stage), "alerts", TopicSpec.of("thumbnails", 16),
                new TopicSpec(stage.deadLetterTopic(), 1, (short) -1, Map.of()), thumbnailDir, Optional.empty(),
                RenderOptions.defaults(), maxBytes, maxBytes, schemas);
    }

    /** The base URL as a string ending with '/', or null. */
    public String baseUrlPrefix() {
        return baseUrl.map(URI::toString).orElse(null);
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

    private static StageSettings withThroughputDefaults(StageSettings stage) {
        Map<String, String> overrides = new HashMap<>(THROUGHPUT_DEFAULTS);
        overrides.putAll(stage.streamsOverrides());
        return new StageSettings(stage.applicationId(), stage.input(), stage.output(), stage.threads(),
                stage.httpPort(), stage.deadLetterTopic(), stage.stateDir(), overrides);
    }
}
