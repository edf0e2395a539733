package uk.ac.lsst.pipeline.thumbnails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/** thumbnail-service between two real, separate Kafka clusters: the ingest buffer and the output buffer. */
class ThumbnailIntegrationTest {
    private static TestBuffer ingest;
    private static TestBuffer output;

    @TempDir
    Path stateDir;
    @TempDir
    Path thumbnailDir;

    @BeforeAll
    static void startBuffers() {
        ingest = TestBuffer.start();
        output = TestBuffer.start();
    }

    @AfterAll
    static void stopBuffers() {
        ingest.close();
        output.close();
    }

    @Test
    void shouldRenderAlertsFromTheIngestBufferIntoFilesAndRecordsOnTheOutputBuffer() throws Exception {
        ingest.createPipelineTopics("ingest", Map.of("ALERTS_PARTITIONS", "4"));
        output.createPipelineTopics("science", Map.of());
        List<byte[]> alerts = new ArrayList<>();
        SharedData.files("ztf/alerts/fink-broker-2018-12-03-v3.2", ".avro").forEach(f -> alerts.add(SharedData.bytes(f)));
        SharedData.rubinOcfAlerts().subList(0, 5).forEach(f -> alerts.add(SharedData.bytes(f)));
        byte[] good = alerts.get(0);
        byte[] stamp = TestAlerts.decode(good).cutout(CutoutKind.SCIENCE).orElseThrow().data();
        byte[] bad = TestAlerts.ztfWithStamp(good, "cutoutScience", Arrays.copyOf(stamp, 100));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ingest.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[] alert : alerts) {
                producer.send(asIngestWritesIt(alert));
            }
            producer.send(asIngestWritesIt(bad));
            producer.flush();
        }

        Map<String, String> env = Map.of(
                "INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers(),
                "OUTPUT_BOOTSTRAP_SERVERS", output.bootstrapServers(),
                "THUMBNAIL_DIR", thumbnailDir.toString(),
                "STREAM_THREADS", "2",
                "HTTP_PORT", "0",
                "STATE_DIR", stateDir.toString(),
                "KAFKA_COMMIT_INTERVAL_MS", "200");

        try (StageRunner runner = StageMain.start(new ThumbnailStage(), env)) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> output.readAll(List.of("thumbnails")).size() == alerts.size());
            List<ConsumerRecord<byte[], byte[]>> records = output.readAll(List.of("thumbnails"));
            Set<Long> alertIds = new java.util.HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                ThumbnailRecord record = JsonSerde.read(r.value(), ThumbnailRecord.class);
                assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(record.objectId());
                alertIds.add(record.alertId());
                for (CutoutKind kind : CutoutKind.values()) {
                    Path file = thumbnailDir.resolve(record.image(kind).path());
                    assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(record.image(kind).width());
                }
            }
            assertThat(alertIds).isEqualTo(alerts.stream().map(a -> TestAlerts.decode(a).alertId())
                    .collect(Collectors.toSet()));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> output.readAll(List.of("thumbnail-dead-letters")).size() == 1);
            ConsumerRecord<byte[], byte[]> dead = output.readAll(List.of("thumbnail-dead-letters")).get(0);
            assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                    StandardCharsets.UTF_8)).isEqualTo("cutout-corrupt");
            assertThat(dead.value()).isEqualTo(bad);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committedOnIngest()).isEqualTo(alerts.size() + 1L));
            assertThat(runner.metrics().scrape())
                    .contains("pipeline_thumbnails_rendered_total{kind=\"science\",stage=\"thumbnail-service\"} "
                            + alerts.size())
                    .contains("pipeline_thumbnails_render_seconds_count")
                    .contains("pipeline_dead_letters_total{reason=\"cutout-corrupt\"");
            try (Admin admin = output.admin()) {
                assertThat(admin.listGroups().all().get()).isEmpty();
            }
            assertThat(runner.failed()).isFalse();
        }
        try (var files = Files.walk(thumbnailDir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3L * alerts.size());
        }
    }

    private static ProducerRecord<byte[], byte[]> asIngestWritesIt(byte[] value) {
        Alert alert = TestAlerts.decode(value);
        Headers headers = new RecordHeaders();
        AlertHeaders.put(headers, AlertHeaders.SURVEY, alert.survey());
        AlertHeaders.put(headers, AlertHeaders.FORMAT, "ocf");
        AlertHeaders.put(headers, AlertHeaders.ALERT_ID, alert.alertId());
        AlertHeaders.put(headers, AlertHeaders.OBJECT_ID, alert.objectId());
        return new ProducerRecord<>("alerts", null, alert.objectId().getBytes(StandardCharsets.UTF_8), value,
                headers);
    }

    /** Sum of the offsets the thumbnail-service group committed on the ingest buffer. */
    private static long committedOnIngest() throws Exception {
        try (Admin admin = ingest.admin()) {
            ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets("thumbnail-service");
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(result.partitionsToOffsetAndMetadata().get());
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
