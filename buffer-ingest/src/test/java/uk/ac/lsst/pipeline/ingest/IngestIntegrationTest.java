package uk.ac.lsst.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/** buffer-ingest between two real, separate Kafka clusters. */
class IngestIntegrationTest {
    private static TestBuffer upstream;
    private static TestBuffer ingest;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBuffers() {
        upstream = TestBuffer.start();
        ingest = TestBuffer.start();
    }

    @AfterAll
    static void stopBuffers() {
        upstream.close();
        ingest.close();
    }

    @Test
    void shouldMirrorRealAlertsAcrossClustersAndDeadLetterTheCorruptOne() throws Exception {
        String topic = "ztf_20181203_programid1";
        upstream.createTopics(TopicSpec.of(topic, 3));
        ingest.createPipelineTopics("ingest", Map.of("ALERTS_PARTITIONS", "4"));
        List<Path> files = SharedData.files("ztf/alerts/fink-broker-2018-12-03-v3.2", ".avro");
        byte[] whole = SharedData.bytes(files.get(0));
        byte[] corrupt = java.util.Arrays.copyOf(whole, whole.length - 100);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, upstream.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < files.size(); i++) {
                producer.send(new ProducerRecord<>(topic, i % 3, null, SharedData.bytes(files.get(i))));
                if (i == 7) {
                    producer.send(new ProducerRecord<>(topic, 1, null, corrupt));
                }
            }
            producer.flush();
        }

        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", upstream.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        env.put("UPSTREAM_TOPIC_PATTERN", "ztf_\\d{8}_programid1");
        env.put("ALERTS_PARTITIONS", "4");
        env.put("STREAM_THREADS", "2");
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", stateDir.toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "200");
        try (StageRunner runner = StageMain.start(new IngestStage(), env)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ingest.readAll(List.of("alerts")).size() == files.size());
            List<ConsumerRecord<byte[], byte[]>> dead = ingest.readAll(List.of("ingest-dead-letters"));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterHeaders.REASON).value(),
                    StandardCharsets.UTF_8)).isEqualTo("corrupt");
            assertThat(dead.get(0).value()).isEqualTo(corrupt);

            List<ConsumerRecord<byte[], byte[]>> alerts = ingest.readAll(List.of("alerts"));
            Map<String, Set<Integer>> partitionsByObject = alerts.stream().collect(Collectors.groupingBy(
                    r -> new String(r.key(), StandardCharsets.UTF_8),
                    Collectors.mapping(ConsumerRecord::partition, Collectors.toSet())));
            assertThat(partitionsByObject.values()).allMatch(p -> p.size() == 1);
            assertThat(alerts).allMatch(r -> r.timestampType() == TimestampType.LOG_APPEND_TIME);
            assertThat(alerts).allMatch(r -> AlertHeaders.get(r.headers(), AlertHeaders.UPSTREAM_TOPIC)
                    .filter(topic::equals).isPresent());
            List<byte[]> values = new ArrayList<>();
            alerts.forEach(r -> values.add(r.value()));
            assertThat(values).usingElementComparator(java.util.Arrays::compare)
                    .containsExactlyInAnyOrderElementsOf(files.stream().map(SharedData::bytes).toList());
            // every alert also in compact form, on the partition of its full form
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ingest.readAll(List.of("alerts-compact")).size() == files.size());
            Map<String, Integer> partitionOfAlert = alerts.stream().collect(Collectors.toMap(
                    r -> AlertHeaders.get(r.headers(), AlertHeaders.ALERT_ID).orElseThrow(),
                    ConsumerRecord::partition));
            List<ConsumerRecord<byte[], byte[]>> compact = ingest.readAll(List.of("alerts-compact"));
            assertThat(compact).allSatisfy(r -> {
                assertThat(AlertHeaders.get(r.headers(), AlertHeaders.FORMAT)).contains("compact");
                assertThat(r.partition()).isEqualTo(
                        partitionOfAlert.get(AlertHeaders.get(r.headers(), AlertHeaders.ALERT_ID).orElseThrow()));
            });
            assertThat(compact).extracting(r -> AlertHeaders.get(r.headers(), AlertHeaders.ALERT_ID).orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(partitionOfAlert.keySet());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(committedOnUpstream())
                    .isEqualTo(files.size() + 1L));
            assertThat(runner.metrics().scrape()).contains("pipeline_alerts_in_total").contains("pipeline_dead_letters_total");
            try (Admin admin = ingest.admin()) {
                assertThat(admin.listConsumerGroups().all().get()).isEmpty();
            }
        }
    }

    /** Sum of the offsets the buffer-ingest group committed on the upstream cluster. */
    private static long committedOnUpstream() throws Exception {
        try (Admin admin = upstream.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("buffer-ingest")
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }
}
