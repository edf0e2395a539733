package uk.ac.lsst.pipeline.crossmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.crossmatch.testing.Samples;
import uk.ac.lsst.pipeline.crossmatch.testing.TestAlerts;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/** crossmatch-service between two real, separate Kafka clusters: the ingest buffer and the science buffer. */
class CrossmatchIntegrationTest {
    private static TestBuffer ingest;
    private static TestBuffer science;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBuffers() {
        ingest = TestBuffer.start();
        science = TestBuffer.start();
    }

    @AfterAll
    static void stopBuffers() {
        ingest.close();
        science.close();
    }

    @Test
    void shouldMatchRealAlertsIntoTheScienceBufferAndDeadLetterTheBadOne() throws Exception {
        ingest.createPipelineTopics("ingest", Map.of("ALERTS_PARTITIONS", "4"));
        science.createPipelineTopics("science", Map.of());
        List<AlertFile> files = AlertFiles.discover(List.of(Samples.alerts()));
        byte[] noPosition = TestAlerts.ztfAt(TestAlerts.ztf("ZTF18acsbuxe"), Double.NaN, 12.0);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ingest.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (AlertFile f : files) {
                byte[] bytes = f.read();
                Alert alert = TestAlerts.decode(bytes);
                ProducerRecord<String, byte[]> r = new ProducerRecord<>("alerts", alert.objectId(), bytes);
                AlertHeaders.put(r.headers(), AlertHeaders.FORMAT, alert.format().code());
                AlertHeaders.put(r.headers(), AlertHeaders.SURVEY, alert.survey());
                producer.send(r);
            }
            producer.send(new ProducerRecord<>("alerts", "ZTF18acsbuxe", noPosition));
            producer.flush();
        }

        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
        env.put("STREAM_THREADS", "2");
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", stateDir.toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "200");
        env.put("CATALOGUES", "sdss,demo");
        env.put("CATALOGUE_SDSS_FILE", Samples.sdssCatalogue().toString());
        env.put("CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
        env.put("CATALOGUE_SDSS_TYPE_COLUMN", "class");
        env.put("CATALOGUE_DEMO_FILE", Samples.demoCatalogue().toString());
        env.put("CATALOGUE_DEMO_ID_COLUMN", "id");
        env.put("CATALOGUE_DEMO_TYPE_COLUMN", "class");
        env.put("CATALOGUE_DEMO_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_RADIUS_ARCSEC", "5");
        try (StageRunner runner = StageMain.start(new CrossmatchStage(), env)) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> science.readAll(List.of("crossmatch")).size() == files.size());
            List<ConsumerRecord<byte[], byte[]>> results = science.readAll(List.of("crossmatch"));
            Map<String, String> classes = results.stream().collect(Collectors.toMap(
                    r -> new String(r.key(), StandardCharsets.UTF_8),
                    r -> JsonSerde.read(r.value(), CrossmatchRecord.class).classification(), (a, b) -> a));
            assertThat(classes).containsEntry("ZTF18acsbuxi", "VS").containsEntry("ZTF17aabuxmy", "AGN")
                    .containsEntry("ZTF18acsbuxh", "NT").containsEntry("ZTF18acsbuxe", "SN")
                    .containsEntry("169298432603193359", "VS").containsEntry("169298432601096247", "SN")
                    .containsEntry("ZTF18acsbutk", "ORPHAN");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> science.readAll(List.of("crossmatch-dead-letters")).size() == 1);
            ConsumerRecord<byte[], byte[]> dead = science.readAll(List.of("crossmatch-dead-letters")).get(0);
            assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                    StandardCharsets.UTF_8)).isEqualTo("no-position");
            assertThat(dead.value()).isEqualTo(noPosition);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(committedOnIngest()).isEqualTo(files.size() + 1L));
            assertThat(runner.metrics().scrape()).contains("crossmatch_match_seconds_count")
                    .contains("crossmatch_classifications_total{classification=\"VS\"")
                    .contains("crossmatch_catalogue_sources{catalogue=\"sdss\"");
            assertThat(runner.failed()).isFalse();
            try (Admin admin = science.admin()) {
                assertThat(admin.listGroups().all().get()).isEmpty();
            }
        }
    }

    /** Sum of the offsets the crossmatch-service group committed on the ingest buffer. */
    private static long committedOnIngest() throws Exception {
        try (Admin admin = ingest.admin()) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets("crossmatch-service").partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
