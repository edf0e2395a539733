package uk.ac.lsst.pipeline.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.testing.SharedData;

class ThumbnailTopologyTest {
    @TempDir
    Path thumbnails;

    private TopologyTestDriver driver;
    private StageMetrics metrics;
    private TestInputTopic<byte[], byte[]> alerts;
    private TestOutputTopic<String, byte[]> records;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Map<String, String> env = new HashMap<>(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9092",
                "THUMBNAIL_DIR", thumbnails.toString(),
                "THUMBNAIL_BASE_URL", "https://example.org/thumbs",
                "SCHEMA_DIR", SharedData.rubinSchemaDir().toString()));
        ThumbnailStage stage = new ThumbnailStage();
        ThumbnailSettings settings = stage.settings(env);
        metrics = new StageMetrics(new SimpleMeterRegistry(), "thumbnail-service");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "thumbnail-service");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(stage.build(settings, StageContext.of(metrics)).topology(), props);
        alerts = driver.createInputTopic("alerts", new ByteArraySerializer(), new ByteArraySerializer());
        records = driver.createOutputTopic("thumbnails", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("thumbnail-dead-letters", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldStoreImagesAndPublishOneRecordPerAlertKeyedByObjectId() throws Exception {
        for (String file : List.of(TestAlerts.ZTF, TestAlerts.RUBIN, TestAlerts.RUBIN_WIRE)) {
            pipe(TestAlerts.bytes(file));
        }

        List<TestRecord<String, byte[]>> out = records.readRecordsToList();
        assertThat(out).hasSize(3);
        assertThat(out).extracting(TestRecord::key)
                .containsExactly("ZTF18acsbuxi", "169298432734265405", "7912941781254298");
        JsonNode ztf = json(out.get(0).value());
        assertThat(ztf.get("alertId").asLong()).isEqualTo(697252845015010002L);
        assertThat(ztf.get("survey").asText()).isEqualTo("ZTF");
        assertThat(ztf.get("missing")).isEmpty();
        JsonNode science = ztf.get("science");
        assertThat(science.get("path").asText()).isEqualTo("ztf/ZTF18acsbuxi/697252845015010002_science.jpg");
        assertThat(science.get("url").asText())
                .isEqualTo("https://example.org/thumbs/ztf/ZTF18acsbuxi/697252845015010002_science.jpg");
        assertThat(science.get("format").asText()).isEqualTo("jpeg");
        assertThat(science.get("width").asInt()).isEqualTo(63);
        assertThat(science.get("cutoutWidth").asInt()).isEqualTo(63);
        assertThat(science.get("vmin").asDouble()).isEqualTo(69.08096313476562);
        assertThat(science.get("stretch").asText()).isEqualTo("linear");
        assertThat(science.get("scaling").asText()).isEqualTo("zscale");
        assertThat(science.get("unit").asText()).isEqualTo("DN");
        assertThat(ztf.get("difference").get("scaling").asText()).isEqualTo("zscale-symmetric");

        for (TestRecord<String, byte[]> r : out) {
            ThumbnailRecord record = JsonSerde.read(r.value(), ThumbnailRecord.class);
            for (CutoutKind kind : CutoutKind.values()) {
                ThumbnailRecord.Image image = record.image(kind);
                BufferedImage decoded = ImageIO.read(thumbnails.resolve(image.path()).toFile());
                assertThat(decoded.getWidth()).isEqualTo(image.width());
                assertThat(decoded.getHeight()).isEqualTo(image.height());
            }
        }
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.alertsIn()).isEqualTo(3);
        assertThat(metrics.alertsOut()).isEqualTo(3);
        assertThat(rendered(CutoutKind.DIFFERENCE)).isEqualTo(3);
    }

    @Test
    void shouldNoteMissingCutoutsAndWriteNullForLimitsOfAnAllNanImage() throws Exception {
        byte[] noTemplate = TestAlerts.rubinWithCutout(TestAlerts.bytes(TestAlerts.RUBIN), "cutoutTemplate", null);
        byte[] nanScience = TestAlerts.ztfWithStamp(TestAlerts.bytes(TestAlerts.ZTF), "cutoutScience",
                TestFits.gzip(TestFits.image(TestFits.filled(63, 63, Float.NaN))));
        byte[] noCutouts = SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v9_0.confluent.bin");

        pipe(noTemplate);
        pipe(nanScience);
        pipe(noCutouts);

        List<TestRecord<String, byte[]>> out = records.readRecordsToList();
        assertThat(out).hasSize(3);
        JsonNode rubin = json(out.get(0).value());
        assertThat(rubin.get("template").isNull()).isTrue();
        assertThat(rubin.get("missing")).extracting(JsonNode::asText).containsExactly("template");
        assertThat(rubin.get("science").get("path").asText()).endsWith("_science.jpg");
        String id = rubin.get("alertId").asText();
        assertThat(Files.list(thumbnails.resolve("rubin").resolve(rubin.get("objectId").asText())))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(id + "_science.jpg", id + "_difference.jpg");

        JsonNode nan = json(out.get(1).value()).get("science");
        assertThat(nan.has("vmin")).isTrue();
        assertThat(nan.get("vmin").isNull()).isTrue();
        assertThat(nan.get("vmax").isNull()).isTrue();
        assertThat(nan.get("blankPixels").asInt()).isEqualTo(63 * 63);

        JsonNode none = json(out.get(2).value());
        assertThat(none.get("missing")).extracting(JsonNode::asText)
                .containsExactly("science", "template", "difference");
        assertThat(metrics.alertsOut()).isEqualTo(3);
    }

    @Test
    void shouldRouteUndecodableAlertsAndCutoutsToDeadLetterAndKeepGoing() throws Exception {
        byte[] good = TestAlerts.bytes(TestAlerts.ZTF);
        byte[] stamp = TestAlerts.decode(good).cutout(CutoutKind.DIFFERENCE).orElseThrow().data();
        byte[] truncatedStamp = TestAlerts.ztfWithStamp(good, "cutoutDifference",
                Arrays.copyOf(stamp, stamp.length / 2));
        byte[] textStamp = TestAlerts.ztfWithStamp(good, "cutoutTemplate",
                "<html>not found</html>".getBytes(StandardCharsets.US_ASCII));
        byte[] poison = "not an alert".getBytes(StandardCharsets.US_ASCII);

        alerts.pipeInput("k1".getBytes(StandardCharsets.UTF_8), poison);
        pipe(truncatedStamp);
        pipe(textStamp);
        pipe(good);

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("unknown-format", "cutout-corrupt", "cutout-unknown-format");
        assertThat(dead.get(0).key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(0).value()).isEqualTo(poison);
        assertThat(dead.get(1).value()).isEqualTo(truncatedStamp);
        assertThat(new String(dead.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("ZTF18acsbuxi");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.DETAIL))
                .startsWith("difference cutout of alert 697252845015010002 (object ZTF18acsbuxi)");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.STAGE)).isEqualTo("thumbnail-service");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(header(dead.get(1).headers(), AlertHeaders.SURVEY)).isEqualTo("ZTF");

        assertThat(records.readRecordsToList()).hasSize(1);
        assertThat(metrics.deadLetters("cutout-corrupt")).isEqualTo(1);
        assertThat(metrics.deadLetters("unknown-format")).isEqualTo(1);
        assertThat(metrics.alertsIn()).isEqualTo(4);
        assertThat(metrics.alertsOut()).isEqualTo(1);
        // the rejected alerts (same alert id as the good one) left nothing but the good one's three images
        assertThat(imageFiles()).hasSize(3);
    }

    @Test
    void shouldReplaceTheImagesOfAReplayedAlert() throws Exception {
        byte[] alert = TestAlerts.bytes(TestAlerts.ZTF);

        pipe(alert);
        List<Path> first = imageFiles();
        pipe(alert);

        List<TestRecord<String, byte[]>> out = records.readRecordsToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(1).value()).isEqualTo(out.get(0).value());
        assertThat(imageFiles()).hasSize(3).isEqualTo(first);
    }

    /** As buffer-ingest writes alerts: key = object id, ingest headers. */
    private void pipe(byte[] value) throws Exception {
        Alert alert = TestAlerts.decode(value);
        Headers headers = new RecordHeaders();
        AlertHeaders.put(headers, AlertHeaders.SURVEY, alert.survey());
        AlertHeaders.put(headers, AlertHeaders.FORMAT, AlertFormat.OCF == alert.format() ? "ocf" : "confluent-wire");
        AlertHeaders.put(headers, AlertHeaders.ALERT_ID, alert.alertId());
        AlertHeaders.put(headers, AlertHeaders.OBJECT_ID, alert.objectId());
        alerts.pipeInput(new TestRecord<>(alert.objectId().getBytes(StandardCharsets.UTF_8), value, headers));
    }

    private double rendered(CutoutKind kind) {
        return metrics.registry().find("pipeline.thumbnails.rendered").tag("kind", ThumbnailRecord.kindName(kind))
                .counter().count();
    }

    private List<Path> imageFiles() throws Exception {
        try (Stream<Path> files = Files.walk(thumbnails)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static JsonNode json(byte[] value) throws Exception {
        return JsonSerde.mapper().readTree(value);
    }

    private static String header(Headers headers, String name) {
        return AlertHeaders.get(headers, name).orElse(null);
    }
}
