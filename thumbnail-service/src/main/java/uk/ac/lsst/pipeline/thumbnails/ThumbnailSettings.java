package uk.ac.lsst.pipeline.thumbnails;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.stage.StageConfig;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;

/**
 * Settings of thumbnail-service. Its input buffer is the ingest buffer (topic {@code alerts}, consumer group
 * {@code thumbnail-service}); its output buffer takes the thumbnails topic and the dead letters. Besides
 * {@link StageSettings} and {@link AlertSettings}:
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
 * THUMBNAILS_TOPIC              output topic (default thumbnails)
 * THUMBNAILS_PARTITIONS         the partitions it must have (default: any)
 *
 * Limits (bad input beyond them becomes a dead letter):
 * MAX_CUTOUT_BYTES              a cutout may inflate to at most this (gzip bombs), and hold at most a quarter as
 *                               many pixels (default 4194304)
 * </pre>
 *
 * Tuning knobs that never change results: {@code STREAM_THREADS} (rendering is CPU-bound: one per core, up to the
 * partitions of the alerts topic) and {@code KAFKA_*}. This stage may lag, so it is tuned for throughput by default
 * ({@link #THROUGHPUT_DEFAULTS}: large fetches, batched and compressed output); any {@code KAFKA_*} variable
 * overrides them. The dead-letter topic defaults to {@code thumbnail-dead-letters}.
 */
public record ThumbnailSettings(
        StageSettings stage,
        AlertSettings alerts,
        TopicUse thumbnails,
        Path thumbnailDir,
        Optional<URI> baseUrl,
        RenderOptions render,
        int maxCutoutBytes) implements StageConfig {

    /** Kafka Streams properties this stage sets unless KAFKA_* says otherwise: throughput over latency. */
    public static final Map<String, String> THROUGHPUT_DEFAULTS = Map.of(
            "consumer.max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024),
            "consumer.fetch.min.bytes", String.valueOf(256 * 1024),
            "consumer.fetch.max.wait.ms", "200",
            "producer.linger.ms", "100",
            "producer.batch.size", String.valueOf(256 * 1024),
            "producer.compression.type", "lz4");

    static final StageDefaults DEFAULTS = new StageDefaults("thumbnail-service", "thumbnail-dead-letters", 1,
            THROUGHPUT_DEFAULTS);


    @Override
    public List<TopicUse> reads() {
        return List.of(alerts.alerts());
    }

    @Override
    public List<TopicUse> writes() {
        return List.of(thumbnails, stage.deadLetters());
    }

    @Override
    public String describe() {
        return "renders " + alerts.alerts() + " into " + thumbnailDir + " (" + render.format().code() + ", size "
                + RenderOptions.sizeName(render.sizePx()) + ", " + render.stretch().code() + "), records to "
                + thumbnails;
    }

    /** The base URL as a string ending with '/', or null. */
    public String baseUrlPrefix() {
        return baseUrl.map(URI::toString).orElse(null);
    }
}
