package uk.ac.lsst.pipeline.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.TestBuffer;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * watchlist-service between two real, separate Kafka clusters (the ingest buffer and a science buffer): lists
 * uploaded, replaced and deleted while it runs, and rebuilt from the topic after a restart.
 */
class WatchlistIntegrationTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final double[] A = {10.5, 20.25};
    private static final double[] B = {200.125, -45.5};
    private static final double[] C = {300.0, 5.0};

    private static TestBuffer ingest;
    private static TestBuffer science;

    @TempDir
    Path stateDir;

    private byte[] template;
    private KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBuffers() {
        ingest = TestBuffer.start();
        science = TestBuffer.start();
        ingest.createPipelineTopics("ingest", Map.of("ALERTS_PARTITIONS", "2"));
        science.createPipelineTopics("science", Map.of());
    }

    @AfterAll
    static void stopBuffers() {
        ingest.close();
        science.close();
    }

    @Test
    void shouldApplyListChangesWhileRunningAndRebuildListsAfterARestart() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
        env.put("STATE_DIR", stateDir.toString());
        env.put("HTTP_PORT", "0");
        env.put("INDEX_DEBOUNCE", "PT0.1S");
        // Kafka Streams does not leave its group on close: the restarted instance waits for this timeout
        env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "500");
        WatchlistSettings settings = new WatchlistStage().settings(env);
        template = TestAlerts.bytes(TestAlerts.ztf().get(0));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ingest.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
        try (WatchlistClient client = WatchlistStage.client(settings)) {
            client.upload(list("canary", new WatchlistSource("c", C[0], C[1], 2)));
            client.upload(list("targets", new WatchlistSource("a", A[0], A[1], 2)));

            StageRunner runner = StageMain.start(new WatchlistStage(), env);
            // start() returns once the lists of the topic are loaded and indexed
            assertThat(gauge(runner, "pipeline.watchlist.lists")).isEqualTo(2);

            send(1, A);
            WatchlistHit first = awaitHit(1);
            assertThat(first.listId()).isEqualTo("targets");
            assertThat(first.sourceName()).isEqualTo("a");
            assertThat(first.appendedAtMs()).isPositive().isLessThanOrEqualTo(first.producedAtMs());
            ConsumerRecord<byte[], byte[]> record = hitRecords().get(0);
            assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(record.timestamp()).isGreaterThanOrEqualTo(first.producedAtMs());

            // replace: the new sources take effect, the old one stops matching
            WatchlistClient.UploadResult replaced = client.upload(list("targets",
                    new WatchlistSource("b", B[0], B[1], 2), new WatchlistSource("b-far", 100, 60, 2)));
            assertThat(replaced.info().generation()).isEqualTo(2);
            assertThat(replaced.removedRecords()).isEqualTo(1);
            await().atMost(WITHIN).until(() -> gauge(runner, "pipeline.watchlist.cones") == 3);
            send(2, A);
            send(3, B);
            assertThat(awaitHit(3).sourceName()).isEqualTo("b");
            assertThat(hitsOf(2)).isEmpty();

            // delete: no more hits from the list
            assertThat(client.delete("targets")).isTrue();
            assertThat(client.list()).extracting(WatchlistInfo::id).containsExactly("canary");
            await().atMost(WITHIN).until(() -> gauge(runner, "pipeline.watchlist.lists") == 1);
            send(4, A);
            send(5, B);
            send(6, C);
            assertThat(awaitHit(6).listId()).isEqualTo("canary");
            assertThat(hitsOf(4)).isEmpty();
            assertThat(hitsOf(5)).isEmpty();

            // restart: the lists are rebuilt from the topic before matching resumes
            client.upload(list("targets", new WatchlistSource("a-again", A[0], A[1], 2)));
            runner.close();
            StageRunner restarted = StageMain.start(new WatchlistStage(), env);
            try {
                assertThat(gauge(restarted, "pipeline.watchlist.lists")).isEqualTo(2);
                assertThat(gauge(restarted, "pipeline.watchlist.cones")).isEqualTo(2);
                send(7, A);
                assertThat(awaitHit(7).sourceName()).isEqualTo("a-again");
                assertThat(restarted.metrics().registry().find("pipeline.watchlist.match.latency").timer().count())
                        .isEqualTo(1);
            } finally {
                restarted.close();
            }
        } finally {
            producer.close();
        }
    }

    private static WatchlistDefinition list(String id, WatchlistSource... sources) {
        return new WatchlistDefinition(id, "list " + id, "tests", 2, List.of(sources));
    }

    private static double gauge(StageRunner runner, String name) {
        return runner.metrics().registry().find(name).gauge().value();
    }

    /** Sends an alert with this id at this position; always to partition 0, so alerts are matched in order. */
    private void send(long alertId, double[] position) throws Exception {
        byte[] alert = TestAlerts.at(template, alertId, position[0], position[1]);
        producer.send(new ProducerRecord<>("alerts", 0, "ZTF-" + alertId, alert)).get();
    }

    private List<ConsumerRecord<byte[], byte[]>> hitRecords() {
        return science.readAll(List.of("watchlist-hits"));
    }

    private List<WatchlistHit> hitsOf(long alertId) {
        return hitRecords().stream().map(r -> JsonSerde.read(r.value(), WatchlistHit.class))
                .filter(h -> h.alertId() == alertId).toList();
    }

    private WatchlistHit awaitHit(long alertId) {
        await().atMost(WITHIN).until(() -> !hitsOf(alertId).isEmpty());
        List<WatchlistHit> hits = hitsOf(alertId);
        assertThat(hits).hasSize(1);
        return hits.get(0);
    }
}
