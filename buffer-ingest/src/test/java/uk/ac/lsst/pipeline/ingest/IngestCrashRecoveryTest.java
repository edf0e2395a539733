package uk.ac.lsst.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.testing.JvmProcess;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * buffer-ingest run as a separate OS process and killed with SIGKILL (no clean shutdown) twice while alerts keep
 * arriving upstream: after restarts, every upstream record is in the ingest buffer. Accounting is exact, by
 * upstream partition and offset; duplicates are allowed and reported.
 */
class IngestCrashRecoveryTest {
    private static TestBuffer upstream;
    private static TestBuffer ingest;

    @TempDir
    Path work;

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
    void shouldLoseNoAlertWhenKilledWithoutCleanShutdownAndRestarted() throws Exception {
        String topic = "ztf_20181203_programid1";
        upstream.createTopics(TopicSpec.of(topic, 4));
        ingest.createPipelineTopics("ingest", Map.of("ALERTS_PARTITIONS", "4"));
        List<byte[]> alerts = SharedData.files("ztf/alerts/fink-broker-2018-12-03-v3.2", ".avro").stream()
                .map(SharedData::bytes).toList();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(topic, alerts, 1500, sent, producing), "upstream-producer");
        producer.start();

        JvmProcess stage = launch(1);
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> ingested().size() >= 200);
            stage.kill();
            stage = launch(2);
            await().atMost(Duration.ofMinutes(3)).until(() -> ingested().size() >= 700);
            stage.kill();
            stage = launch(3);
            producer.join(120_000);
            assertThat(sent).hasSize(1500);

            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(new HashSet<>(ingested())).containsAll(sent));
            List<String> all = ingested();
            int duplicates = all.size() - new HashSet<>(all).size();
            System.out.printf("crash recovery: %d sent, %d ingested, %d duplicates, 0 lost%n",
                    sent.size(), all.size(), duplicates);
            assertThat(new HashSet<>(all)).hasSize(sent.size());
        } finally {
            producing.set(false);
            stage.kill();
        }
    }

    /** Starts buffer-ingest in its own JVM, through the generic stage entry point, with settings in its environment. */
    private JvmProcess launch(int run) {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", upstream.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        env.put("UPSTREAM_TOPICS", "ztf_20181203_programid1");
        env.put("ALERTS_PARTITIONS", "4");
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", work.resolve("state").toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "500");
        env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
        return JvmProcess.start("buffer-ingest run " + run, StageMain.class, env,
                work.resolve("ingest-run-" + run + ".log"), List.of("-Xmx256m"), List.of("buffer-ingest"));
    }

    private static void produce(String topic, List<byte[]> alerts, int count, Set<String> sent, AtomicBoolean go) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, upstream.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < count && go.get(); i++) {
                long due = start + i * 5_000_000L; // 200 alerts/s: pacing, so that the kills land mid-stream
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                producer.send(new ProducerRecord<>(topic, alerts.get(i % alerts.size())), (md, e) -> {
                    if (e == null) {
                        sent.add(md.partition() + "@" + md.offset());
                    }
                });
            }
            producer.flush();
        }
    }

    /** Upstream partition@offset of every record in the alerts topic, duplicates included. */
    private static List<String> ingested() {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : ingest.readAll(List.of("alerts"))) {
            ids.add(AlertHeaders.get(r.headers(), AlertHeaders.UPSTREAM_PARTITION).orElseThrow() + "@"
                    + AlertHeaders.get(r.headers(), AlertHeaders.UPSTREAM_OFFSET).orElseThrow());
        }
        return ids;
    }
}
