package uk.ac.lsst.pipeline.local.replay;

import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;
import uk.ac.lsst.pipeline.sky.Sphere;
import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.testing.TestBuffer;

class ReplayerIntegrationTest {
    private static TestBuffer buffer;

    @BeforeAll
    static void startBuffer() {
        buffer = TestBuffer.start();
    }

    @AfterAll
    static void stopBuffer() {
        buffer.close();
    }

    @Test
    void shouldSendTheFilesUnchangedThenCycleThemAsDistinctAlerts() throws Exception {
        List<AlertFile> files = AlertFiles.discover(List.of(SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2")));
        int count = 2 * files.size() + 3;
        buffer.createTopics(TopicSpec.of("ztf-replay", 1));

        ReplayResult result = replay(SchemaSources.none(), ReplayRequest.builder("ztf-replay", List.of(SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2")))
                .count(count).seed(99).build());

        assertThat(result.sent()).isEqualTo(count);
        assertThat(result.acknowledged()).isEqualTo(count);
        assertThat(result.allAcknowledged()).isTrue();
        assertThat(result.sentByFormat()).containsExactly(Map.entry(AlertFormat.OCF, (long) count));
        assertThat(result.bytes()).isGreaterThan(files.stream().mapToLong(AlertFile::sizeBytes).sum() * 2);

        List<byte[]> values = values("ztf-replay");
        assertThat(values).hasSize(count);
        AlertDecoder decoder = decoder(SchemaSources.none());
        List<Alert> alerts = new ArrayList<>();
        for (byte[] value : values) {
            alerts.add(decoder.decode(value));
        }
        for (int i = 0; i < files.size(); i++) {
            assertThat(values.get(i)).as("first pass, file %s", files.get(i).path())
                    .isEqualTo(Files.readAllBytes(files.get(i).path()));
        }
        assertThat(alerts).extracting(Alert::alertId).doesNotHaveDuplicates();
        for (int i = files.size(); i < count; i++) {
            Alert original = alerts.get(i % files.size());
            assertThat(alerts.get(i).objectId()).isEqualTo(original.objectId());
            assertThat(alerts.get(i).alertId()).isEqualTo(CycledAlerts.alertId(99, i));
            assertThat(alerts.get(i).raDeg()).isEqualTo(original.raDeg());
            assertThat(alerts.get(i).decDeg()).isEqualTo(original.decDeg());
        }
    }

    @Test
    void shouldJitterCycledRubinWireAlertsWithinTheRadius() throws Exception {
        SchemaSource schemas = new SchemaDirectory(SharedData.rubinSchemaDir());
        List<AlertFile> files = AlertFiles.discover(List.of(SharedData.path("rubin/alerts/wire-format")));
        int count = 4 * files.size();
        double radiusArcsec = 2.5;

        ReplayResult result = replay(schemas, ReplayRequest.builder("rubin-replay", List.of(SharedData.path("rubin/alerts/wire-format")))
                .count(count).jitterArcsec(radiusArcsec).seed(5).createTopic(1).build());

        assertThat(result.allAcknowledged()).isTrue();
        assertThat(result.sentByFormat()).containsExactly(Map.entry(AlertFormat.CONFLUENT_WIRE, (long) count));
        AlertDecoder decoder = decoder(schemas);
        List<Alert> alerts = new ArrayList<>();
        for (byte[] value : values("rubin-replay")) {
            alerts.add(decoder.decode(value));
        }
        assertThat(alerts).hasSize(count);
        // the four synthetic pittgoogle samples share one diaSourceId, so only the copies are distinct
        List<Alert> copies = alerts.subList(files.size(), count);
        assertThat(copies).extracting(Alert::alertId).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(alerts.subList(0, files.size()).stream().map(Alert::alertId).toList());
        double largest = 0;
        for (int i = files.size(); i < count; i++) {
            Alert original = alerts.get(i % files.size());
            Alert copy = alerts.get(i);
            assertThat(copy.format()).isEqualTo(AlertFormat.CONFLUENT_WIRE);
            assertThat(copy.schemaId()).isEqualTo(original.schemaId());
            assertThat(copy.objectId()).isEqualTo(original.objectId());
            double distance = 3600 * Sphere.separationDeg(original.raDeg(), original.decDeg(), copy.raDeg(),
                    copy.decDeg());
            assertThat(distance).as("alert %d", i).isLessThanOrEqualTo(radiusArcsec + 1e-6);
            largest = Math.max(largest, distance);
        }
        assertThat(largest).as("copies were moved").isGreaterThan(0);
    }

    @Test
    void shouldStopWhenAskedFromAnotherThread() throws Exception {
        buffer.createTopics(TopicSpec.of("stopped-replay", 2));
        List<ReplayProgress> progress = new CopyOnWriteArrayList<>();
        try (Replayer replayer = Replayer.connect(clientConfig(), SchemaSources.none())) {
            CompletableFuture<ReplayResult> run = CompletableFuture.supplyAsync(() -> replayer.run(
                    ReplayRequest.builder("stopped-replay", List.of(SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2")))
                            .count(10_000).schedule(ReplaySchedule.rate(20)).build(), progress::add));

            await().atMost(Duration.ofSeconds(30)).until(() -> !progress.isEmpty() && progress.get(0).sent() > 0);
            replayer.stop();
            ReplayResult result = run.get(30, TimeUnit.SECONDS);

            assertThat(result.stopped()).isTrue();
            assertThat(result.sent()).isBetween(1L, 9_999L);
            assertThat(result.allAcknowledged()).isTrue();
            assertThat(progress.get(0).currentAlertsPerSec()).isPositive();
            assertThat(values("stopped-replay")).hasSize((int) result.sent());
        }
    }

    @Test
    void shouldRefuseAMissingTopicUnlessAskedToCreateIt() {
        try (Replayer replayer = Replayer.connect(clientConfig(), SchemaSources.none())) {
            assertThatThrownBy(() -> replayer.run(ReplayRequest.builder("absent-topic",
                    List.of(SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2"))).build(), ProgressListener.NONE))
                    .isInstanceOf(ReplayException.class)
                    .hasMessageContaining("absent-topic");
        }
    }

    @Test
    void shouldRefuseToCycleWireAlertsWithoutSchemas() {
        buffer.createTopics(TopicSpec.of("no-schemas", 1));
        try (Replayer replayer = Replayer.connect(clientConfig(), SchemaSources.none())) {
            assertThatThrownBy(() -> replayer.run(ReplayRequest.builder("no-schemas",
                    List.of(SharedData.path("rubin/alerts/wire-format"))).count(6).build(), ProgressListener.NONE))
                    .isInstanceOf(ReplayException.class)
                    .hasMessageContaining("schema");
        }
        assertThat(values("no-schemas")).isEmpty();
    }

    private static ReplayResult replay(SchemaSource schemas, ReplayRequest request) {
        try (Replayer replayer = Replayer.connect(clientConfig(), schemas)) {
            return replayer.run(request, ProgressListener.NONE);
        }
    }

    private static Map<String, Object> clientConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, buffer.bootstrapServers());
    }

    /** Values in offset order (the topics these tests read in order have one partition). */
    private static List<byte[]> values(String topic) {
        return buffer.readAll(List.of(topic)).stream()
                .sorted(Comparator.comparingInt(ConsumerRecord<byte[], byte[]>::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .map(ConsumerRecord::value).toList();
    }

    private static AlertDecoder decoder(SchemaSource schemas) {
        return new AlertDecoder(schemas, false, Integer.MAX_VALUE);
    }
}
