package uk.ac.lsst.pipeline.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.testing.SharedData;

/** plan, apply, status, rewind and tail against real in-process brokers. */
class PipelineOpsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static EmbeddedBuffer ingest;
    private static EmbeddedBuffer science;

    @BeforeAll
    static void start() {
        ingest = EmbeddedBuffer.start("ops-ingest");
        science = EmbeddedBuffer.start("ops-science");
    }

    @AfterAll
    static void stop() {
        science.close();
        ingest.close();
    }

    private static PipelineSpec spec(String prefix, int alertsPartitions, String retention) {
        String text = """
                buffers:
                  ingest:
                    bootstrap: %s
                    topics:
                      %s-alerts:
                        partitions: %d
                        retention: %s
                        configs: {message.timestamp.type: LogAppendTime}
                      %s-watchlists: {partitions: 1, configs: {cleanup.policy: compact}}
                  science:
                    bootstrap: %s
                    topics:
                      %s-crossmatch: {partitions: 2}
                      %s-dlq: {}
                stages:
                  crossmatch-service:
                    group: %s-crossmatch
                    input: {buffer: ingest, topics: {alerts: %s-alerts}}
                    output: {buffer: science, topics: {crossmatch: %s-crossmatch, dead-letters: %s-dlq}}
                """.formatted(ingest.bootstrapServers(), prefix, alertsPartitions, retention, prefix,
                science.bootstrapServers(), prefix, prefix, prefix, prefix, prefix, prefix);
        return PipelineSpec.parse(text, prefix + ".yaml", Map.of(), StageRegistry.load().kinds());
    }

    @Test
    void applyCreatesEverythingOnceAndPlanThenShowsNoChange() throws Exception {
        PipelineSpec spec = spec("apply", 4, "P7D");
        TopicPlan plan = TopicPlan.compute(spec, Map.of(), TIMEOUT);
        assertThat(plan.changes()).extracting(TopicPlan.Change::kind).containsOnly(TopicPlan.Kind.CREATE).hasSize(4);
        assertThat(plan.changes()).extracting(TopicPlan.Change::topic)
                .containsExactly("apply-alerts", "apply-watchlists", "apply-crossmatch", "apply-dlq");
        plan.apply(Map.of(), TIMEOUT);

        try (Admin admin = ingest.admin()) {
            assertThat(admin.describeTopics(List.of("apply-alerts")).allTopicNames().get().get("apply-alerts")
                    .partitions()).hasSize(4);
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "apply-watchlists");
            assertThat(admin.describeConfigs(List.of(r)).all().get().get(r).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
        assertThat(TopicPlan.compute(spec, Map.of(), TIMEOUT).isEmpty()).isTrue();
    }

    @Test
    void applyGrowsPartitionsAltersConfigsAndRefusesToShrink() throws Exception {
        TopicPlan.compute(spec("grow", 4, "P7D"), Map.of(), TIMEOUT).apply(Map.of(), TIMEOUT);

        TopicPlan grow = TopicPlan.compute(spec("grow", 8, "P1D"), Map.of(), TIMEOUT);
        assertThat(grow.changes()).extracting(TopicPlan.Change::toString).containsExactly(
                "~ grow     ingest/grow-alerts  partitions 4 -> 8 (keys move to new partitions: per-object order "
                        + "holds only from now on)",
                "~ config   ingest/grow-alerts  retention.ms 604800000 -> 86400000");
        grow.apply(Map.of(), TIMEOUT);
        try (Admin admin = ingest.admin()) {
            assertThat(admin.describeTopics(List.of("grow-alerts")).allTopicNames().get().get("grow-alerts")
                    .partitions()).hasSize(8);
        }

        // fewer partitions is refused, and so is every other change of the same apply
        TopicPlan shrink = TopicPlan.compute(spec("grow", 2, "P3D"), Map.of(), TIMEOUT);
        assertThat(shrink.refused()).singleElement().extracting(TopicPlan.Change::detail).asString()
                .contains("the file asks for 2 partitions, the topic has 8: Kafka cannot remove partitions");
        assertThatThrownBy(() -> shrink.apply(Map.of(), TIMEOUT)).isInstanceOf(OpsException.class)
                .hasMessageStartingWith("nothing applied: 1 change refused");
        try (Admin admin = ingest.admin()) {
            ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, "grow-alerts");
            ConfigEntry retention = admin.describeConfigs(List.of(r)).all().get().get(r).get("retention.ms");
            assertThat(retention.value()).isEqualTo("86400000");
        }
    }

    @Test
    void aBufferThatDoesNotAnswerIsNamed() {
        PipelineSpec spec = spec("down", 1, "P7D").withBootstrap("ingest", "127.0.0.1:1");
        assertThatThrownBy(() -> TopicPlan.compute(spec, Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(OpsException.class).hasMessageContaining("buffer ingest at 127.0.0.1:1");
        PipelineStatus status = PipelineStatus.collect(spec, Map.of(), Duration.ofSeconds(2));
        assertThat(status.buffers()).filteredOn(b -> b.name().equals("ingest")).singleElement()
                .satisfies(b -> assertThat(b.reachable()).isFalse());
        assertThat(StatusTable.render(status, false)).contains("ingest     127.0.0.1:1").contains("DOWN");
    }

    @Test
    void statusShowsLagAndRewindMovesAStoppedGroup() throws Exception {
        PipelineSpec spec = spec("lag", 2, "P7D");
        TopicPlan.compute(spec, Map.of(), TIMEOUT).apply(Map.of(), TIMEOUT);
        produce("lag-alerts", 10);
        Instant middle = Instant.now();
        Thread.sleep(50);
        produce("lag-alerts", 10);

        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ingest.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "lag-crossmatch", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 3);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("lag-alerts"));
            int read = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (read < 3 && System.currentTimeMillis() < deadline) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            consumer.commitSync();
            PipelineStatus running = PipelineStatus.collect(spec, Map.of(), TIMEOUT);
            PipelineStatus.StageStatus stage = running.stages().get(0);
            assertThat(stage.state()).isEqualTo("Stable");
            assertThat(stage.members()).singleElement().satisfies(m ->
                    assertThat(m.partitions()).containsExactly("lag-alerts-0", "lag-alerts-1"));
            assertThat(stage.totalLag()).isEqualTo(20 - read);
            assertThat(stage.lag()).containsOnlyKeys("lag-alerts-0", "lag-alerts-1");
            assertThatThrownBy(() -> Rewind.run(spec, "crossmatch-service", Rewind.Target.parse("earliest",
                    Instant.now()), false, Map.of(), TIMEOUT))
                    .isInstanceOf(OpsException.class).hasMessageContaining("stage crossmatch-service is running");
        }

        List<Rewind.Move> toLatest = Rewind.run(spec, "crossmatch-service", Rewind.Target.parse("latest",
                Instant.now()), false, Map.of(), TIMEOUT);
        assertThat(toLatest).extracting(Rewind.Move::to).containsExactly(10L, 10L);
        assertThat(PipelineStatus.collect(spec, Map.of(), TIMEOUT).stages().get(0).totalLag()).isZero();

        List<Rewind.Move> toMiddle = Rewind.run(spec, "crossmatch-service", Rewind.Target.parse(middle.toString(),
                Instant.now()), false, Map.of(), TIMEOUT);
        assertThat(toMiddle.stream().mapToLong(Rewind.Move::to).sum()).isEqualTo(10);
        assertThat(PipelineStatus.collect(spec, Map.of(), TIMEOUT).stages().get(0).totalLag()).isEqualTo(10);

        List<Rewind.Move> dry = Rewind.run(spec, "crossmatch-service", Rewind.Target.parse("earliest",
                Instant.now()), true, Map.of(), TIMEOUT);
        assertThat(dry).extracting(Rewind.Move::to).containsExactly(0L, 0L);
        assertThat(PipelineStatus.collect(spec, Map.of(), TIMEOUT).stages().get(0).totalLag()).isEqualTo(10);

        PipelineStatus before = PipelineStatus.collect(spec, Map.of(), TIMEOUT);
        produce("lag-alerts", 6);
        Thread.sleep(200);
        PipelineStatus after = PipelineStatus.collect(spec, Map.of(), TIMEOUT).rates(before);
        assertThat(after.buffers().get(0).topics()).filteredOn(t -> t.name().equals("lag-alerts")).singleElement()
                .satisfies(t -> assertThat(t.ratePerSecond()).isPositive());
        assertThat(StatusTable.render(after, true)).contains("lag-alerts-0=").contains("crossmatch-service")
                .contains("not gaining");
    }

    @Test
    void rewindTargetsAreParsedOrRefusedClearly() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        assertThat(Rewind.Target.parse("PT6H", now).timestampMs())
                .isEqualTo(Instant.parse("2026-11-26T06:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> Rewind.Target.parse("yesterday", now))
                .hasMessageContaining("--to 'yesterday' is invalid: expected earliest, latest");
    }

    @Test
    void tailPrintsJsonValuesAsJsonAndAlertsAsSummaries() throws Exception {
        TopicPlan.compute(spec("tail", 1, "P7D"), Map.of(), TIMEOUT).apply(Map.of(), TIMEOUT);
        byte[] alert = Files.readAllBytes(SharedData.ztfAlerts().get(0));
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            p.send(new ProducerRecord<>("tail-crossmatch", 0, "ZTF1".getBytes(StandardCharsets.UTF_8),
                    "{\"alertId\":1,\"matches\":[]}".getBytes(StandardCharsets.UTF_8))).get();
            p.send(new ProducerRecord<>("tail-crossmatch", 0, null, alert)).get();
            p.send(new ProducerRecord<>("tail-crossmatch", 0, null, new byte[] {(byte) 0xff, 0, 1})).get();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long n = new Tail(SchemaSources.none()).run(BufferSettings.plaintext("B", science.bootstrapServers()),
                new Tail.Request("tail-crossmatch", "earliest", 0, false), new PrintStream(bytes, true,
                        StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(n).isEqualTo(3);
        assertThat(lines.get(0)).contains("\"key\":\"ZTF1\"").contains("\"value\":{\"alertId\":1,\"matches\":[]}");
        assertThat(lines.get(1)).contains("\"alert\":\"ztf\"").contains("\"objectId\":\"ZTF");
        assertThat(lines.get(2)).contains("\"base64\":\"/wAB\"");
        assertThatThrownBy(() -> new Tail(SchemaSources.none()).run(BufferSettings.plaintext("B",
                science.bootstrapServers()), new Tail.Request("no-such-topic", "earliest", 0, false), System.out))
                .hasMessageContaining("topic no-such-topic does not exist");
    }

    private static void produce(String topic, int n) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = producer(ingest)) {
            for (int i = 0; i < n; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, null, ("m" + i).getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return producer(science);
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedBuffer buffer) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, buffer.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }
}
