package uk.ac.lsst.pipeline.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;

class ThumbnailSettingsTest {
    @TempDir
    Path dir;

    @Test
    void shouldListEveryMissingOrInvalidVariableAtOnce() throws Exception {
        Path file = Files.createFile(dir.resolve("a-file"));
        assertThatThrownBy(() -> new ThumbnailStage().settings(Map.of(
                "THUMBNAIL_FORMAT", "gif",
                "THUMBNAIL_SIZE_PX", "5000",
                "THUMBNAIL_STRETCH", "log",
                "JPEG_QUALITY", "0",
                "THUMBNAIL_BASE_URL", "ftp://nope",
                "STREAM_THREADS", "none")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("INPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("OUTPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("THUMBNAIL_DIR is missing"))
                        .anyMatch(p -> p.startsWith("THUMBNAIL_FORMAT='gif' is invalid"))
                        .anyMatch(p -> p.startsWith("THUMBNAIL_SIZE_PX='5000' is invalid"))
                        .anyMatch(p -> p.startsWith("THUMBNAIL_STRETCH='log' is invalid"))
                        .anyMatch(p -> p.startsWith("JPEG_QUALITY='0' is invalid"))
                        .anyMatch(p -> p.startsWith("THUMBNAIL_BASE_URL='ftp://nope' is invalid"))
                        .anyMatch(p -> p.startsWith("STREAM_THREADS='none' is invalid"))
                        .hasSize(9));
        assertThatThrownBy(() -> new ThumbnailStage().settings(Map.of("INPUT_BOOTSTRAP_SERVERS", "a:1",
                "OUTPUT_BOOTSTRAP_SERVERS", "b:1", "THUMBNAIL_DIR", file.toString())))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("THUMBNAIL_DIR='" + file + "' is not a directory: expected a directory "
                                + "(created if missing)"));
    }

    @Test
    void shouldReadDefaults() {
        ThumbnailSettings s = new ThumbnailStage().settings(Map.of("INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9092", "THUMBNAIL_DIR", dir.resolve("thumbs").toString()));

        assertThat(s.stage().applicationId()).isEqualTo("thumbnail-service");
        assertThat(s.reads()).containsExactly(new TopicUse("alerts", "alerts", 0));
        assertThat(s.writes()).containsExactly(new TopicUse("thumbnails", "thumbnails", 0),
                new TopicUse("dead-letters", "thumbnail-dead-letters", 0));
        assertThat(s.render().format()).isEqualTo(ImageFormat.JPEG);
        assertThat(s.render().sizePx()).isEqualTo(RenderOptions.CUTOUT_SIZE);
        assertThat(s.render().stretch()).isEqualTo(Stretch.LINEAR);
        assertThat(s.render().jpegQuality()).isEqualTo(90);
        assertThat(s.baseUrl()).isEmpty();
        assertThat(s.baseUrlPrefix()).isNull();
        assertThat(s.maxCutoutBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(s.stage().streamsOverrides()).containsAllEntriesOf(ThumbnailSettings.THROUGHPUT_DEFAULTS);
    }

    @Test
    void shouldReadAFullConfigurationAndLetKafkaVariablesOverrideTheTuningDefaults() {
        ThumbnailSettings s = new ThumbnailStage().settings(Map.ofEntries(
                Map.entry("INPUT_BOOTSTRAP_SERVERS", "ingest:9092"),
                Map.entry("OUTPUT_BOOTSTRAP_SERVERS", "science:9092"),
                Map.entry("THUMBNAIL_DIR", dir.toString()),
                Map.entry("THUMBNAIL_BASE_URL", "https://lasair.example/thumbs"),
                Map.entry("THUMBNAIL_FORMAT", "PNG"),
                Map.entry("THUMBNAIL_SIZE_PX", "256"),
                Map.entry("THUMBNAIL_STRETCH", "asinh"),
                Map.entry("JPEG_QUALITY", "75"),
                Map.entry("ALERTS_TOPIC", "lsst-alerts"),
                Map.entry("THUMBNAILS_TOPIC", "lsst-thumbnails"),
                Map.entry("THUMBNAILS_PARTITIONS", "4"),
                Map.entry("MAX_CUTOUT_BYTES", "1048576"),
                Map.entry("STREAM_THREADS", "2"),
                Map.entry("KAFKA_PRODUCER_LINGER_MS", "5")));

        assertThat(s.baseUrlPrefix()).isEqualTo("https://lasair.example/thumbs/");
        assertThat(s.render().format()).isEqualTo(ImageFormat.PNG);
        assertThat(s.render().sizePx()).isEqualTo(256);
        assertThat(s.render().stretch()).isEqualTo(Stretch.ASINH);
        assertThat(s.render().jpegQuality()).isEqualTo(75);
        assertThat(s.alerts().alerts().name()).isEqualTo("lsst-alerts");
        assertThat(s.thumbnails()).isEqualTo(new TopicUse("thumbnails", "lsst-thumbnails", 4));
        assertThat(s.maxCutoutBytes()).isEqualTo(1048576);
        assertThat(s.stage().threads()).isEqualTo(2);
        assertThat(s.stage().streamsOverrides())
                .containsEntry("producer.linger.ms", "5")
                .containsEntry("consumer.max.partition.fetch.bytes", String.valueOf(8 * 1024 * 1024));
    }

    @Test
    void shouldReadTheSizeAsTheCutoutsOwnOrAsPixels(@TempDir Path dir) {
        for (Map.Entry<String, Integer> size : Map.of("cutout", RenderOptions.CUTOUT_SIZE, " Cutout ",
                RenderOptions.CUTOUT_SIZE, "8", 8, "189", 189, "2048", 2048).entrySet()) {
            ThumbnailSettings s = new ThumbnailStage().settings(Map.of("INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                    "OUTPUT_BOOTSTRAP_SERVERS", "science:9092", "THUMBNAIL_DIR", dir.toString(),
                    "THUMBNAIL_SIZE_PX", size.getKey()));

            assertThat(s.render().sizePx()).as(size.getKey()).isEqualTo(size.getValue());
        }
        for (String bad : new String[] {"native", "7", "0", "2049", "189px"}) {
            assertThatThrownBy(() -> new ThumbnailStage().settings(Map.of("INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                    "OUTPUT_BOOTSTRAP_SERVERS", "science:9092", "THUMBNAIL_DIR", dir.toString(),
                    "THUMBNAIL_SIZE_PX", bad)))
                    .isInstanceOf(SettingsException.class)
                    .hasMessageContaining("THUMBNAIL_SIZE_PX='" + bad + "' is invalid: expected cutout");
        }
    }
}
