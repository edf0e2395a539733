package uk.ac.lsst.pipeline.filter.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.features.stage.AnnotatedAlert;
import uk.ac.lsst.pipeline.filter.AnnotatedSamples;
import uk.ac.lsst.pipeline.filter.AnnotatedSamples.Sample;
import uk.ac.lsst.pipeline.filter.TestRecords;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterRecords;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * filter-service and {@link FilterClient} on a real Kafka cluster, the science buffer, with the topics of the
 * project's pipeline file. The stage reads and writes it: filters registered with the client, replaced and deleted
 * while it runs, each one's topic created by the stage, and the filters rebuilt from their topic by a new instance;
 * its annotated records are those features-service makes of the sample alerts, sent in four disjoint batches (each
 * with ZTF and Rubin alerts), one per step. The client's own tests each use a new topic like the filters topic.
 */
class FilterIntegrationTest {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final List<Sample> SAMPLES = AnnotatedSamples.all();

    private static TestBuffer science;
    /** The filters topic as the pipeline file declares it. */
    private static TopicSpec filtersTopic;

    @TempDir
    Path stateDirs;

    private final Map<String, String> env = new HashMap<>();
    private KafkaProducer<String, byte[]> producer;
    private String annotatedTopic;

    @BeforeAll
    static void startBuffer() {
        science = TestBuffer.start();
        filtersTopic = science.createPipelineTopics("science", Map.of()).stream()
                .filter(t -> t.name().equals("filters")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stopBuffer() {
        science.close();
    }

    @Test
    void shouldApplyFilterChangesWhileRunningAndRebuildTheFiltersAfterARestart() throws Exception {
        env.put("INPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
        env.put("STATE_DIR", stateDirs.resolve("first").toString());
        env.put("HTTP_PORT", "0");
        env.put("FILTER_TOPIC_PARTITIONS", "2");
        env.put("FILTER_TOPIC_RETENTION", "P3D");
        FilterSettings settings = new FilterStage().settings(env);
        annotatedTopic = settings.annotated().name();
        producer = new KafkaProducer<>(clientProperties(), new StringSerializer(), new ByteArraySerializer());
        FilterDefinition ztf = FilterDefinition.of("alice", "ztf", "survey == 'ZTF'", OutputLevel.IDS);
        // every record: shows when a batch has been evaluated
        FilterDefinition canary = FilterDefinition.of("lsst-uk", "canary", "alertId != 0", OutputLevel.IDS);
        List<Long> expected = new ArrayList<>();
        try (FilterClient client = new FilterClient(settings.stage().input().clientProperties(),
                settings.filters().name())) {
            client.add(ztf);
            client.add(canary);
            assertThat(topics()).doesNotContain(ztf.topic(), canary.topic());

            StageRunner runner = StageMain.start(new FilterStage(), env);
            try {
                // start() returns once the filters of the topic are loaded, their topics created
                assertThat(active(runner)).isEqualTo(2);
                assertThat(canary.topic()).isEqualTo("filter-lsst--uk-canary");
                assertFilterTopic(ztf.topic(), 2, Duration.ofDays(3));
                assertFilterTopic(canary.topic(), 2, Duration.ofDays(3));

                send(batch(0));
                expected.addAll(alertIds(batch(0), a -> a.survey().equals("ZTF")));
                awaitEvaluated(0);
                awaitExactly(ztf, expected);

                // replaced: the new expression applies to the records that follow
                client.add(FilterDefinition.of("alice", "ztf", "survey == 'RUBIN'", OutputLevel.IDS));
                awaitApplied(client, runner);
                send(batch(1));
                expected.addAll(alertIds(batch(1), a -> a.survey().equals("RUBIN")));
                awaitEvaluated(1);
                awaitExactly(ztf, expected);

                // deleted: nothing more on its topic
                assertThat(client.delete(ztf.key())).isTrue();
                await().atMost(WITHIN).until(() -> active(runner) == 1);
                send(batch(2));
                awaitEvaluated(2);
                assertThat(alertIds(ztf.topic())).containsExactlyInAnyOrderElementsOf(expected);
            } finally {
                runner.close();
            }

            // stopped, a filter registered meanwhile: a new instance (same application id, empty state directory)
            // rebuilds every filter from the topic
            client.add(FilterDefinition.of("alice", "ztf", "band == 'i'", OutputLevel.IDS));
            env.put("STATE_DIR", stateDirs.resolve("second").toString());
            StageRunner restarted = StageMain.start(new FilterStage(), env);
            try {
                assertThat(active(restarted)).isEqualTo(2);
                send(batch(3));
                expected.addAll(alertIds(batch(3), a -> a.band().equals("i")));
                awaitEvaluated(3);
                awaitExactly(ztf, expected);
            } finally {
                restarted.close();
            }
        } finally {
            producer.close();
        }
    }

    @Test
    void clientShouldRegisterListReplaceAndDeleteFilters() throws Exception {
        String topic = newFiltersTopic("client-lifecycle");
        FilterDefinition bright = FilterDefinition.of("alice", "bright-sn",
                "classification == 'SN' && magnitude < 19.5", OutputLevel.RECORD);
        FilterDefinition everything = new FilterDefinition("lsst-uk", "everything", "alertId != 0", OutputLevel.IDS,
                5_000);
        FilterDefinition fainter = new FilterDefinition("alice", "bright-sn",
                "classification == 'SN' && magnitude < 20.5", OutputLevel.FULL, 1_000_000);
        try (FilterClient client = new FilterClient(clientProperties(), topic)) {
            assertThat(client.list()).isEmpty();

            assertThat(client.add(bright)).isEqualTo("filter-alice-bright-sn");
            assertThat(client.add(everything)).isEqualTo("filter-lsst--uk-everything");
            assertThat(client.list()).containsExactly(bright, everything);
            assertThat(client.get(bright.key())).contains(bright);
            List<ConsumerRecord<byte[], byte[]>> registered = science.readAll(List.of(topic));
            assertThat(registered).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("alice/bright-sn", "lsst-uk/everything");
            assertThat(registered.get(0).value()).isEqualTo(FilterRecords.value(bright));

            client.add(fainter);
            assertThat(client.list()).containsExactly(fainter, everything);
            assertThat(client.get(bright.key())).contains(fainter);

            // a record that is not a filter (written by something else) is skipped
            produce(topic, "not a key", "{");
            assertThat(client.list()).containsExactly(fainter, everything);

            assertThat(client.delete(bright.key())).isTrue();
            assertThat(client.list()).containsExactly(everything);
            assertThat(client.get(bright.key())).isEmpty();
            List<ConsumerRecord<byte[], byte[]>> written = science.readAll(List.of(topic));
            ConsumerRecord<byte[], byte[]> tombstone = written.get(written.size() - 1);
            assertThat(tombstone.key()).isEqualTo(FilterRecords.key(bright.key()));
            assertThat(tombstone.value()).isNull();

            assertThat(client.delete(bright.key())).isFalse();
            assertThat(science.readAll(List.of(topic))).hasSize(written.size());
        }
    }

    @Test
    void clientShouldRefuseAFilterWithATypeErrorAtItsPositionAndRegisterNothing() {
        String topic = newFiltersTopic("client-refusal");
        FilterDefinition typo = FilterDefinition.of("bob", "typo", "band == 'g' && magnitude < 'bright'",
                OutputLevel.IDS);
        try (FilterClient client = new FilterClient(clientProperties(), topic)) {
            assertThatThrownBy(() -> client.add(typo)).isInstanceOfSatisfying(ExpressionException.class, e -> {
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(1);
                    assertThat(p.column()).isEqualTo(26);
                });
                assertThat(e.getMessage()).startsWith("line 1, column 26: found no matching overload for '_<_' "
                        + "applied to '(double, string)'");
            });

            assertThat(science.readAll(List.of(topic))).isEmpty();
            assertThat(client.list()).isEmpty();
        }
    }

    @Test
    void clientShouldNameAMissingFiltersTopicAndHowToCreateIt() {
        try (FilterClient client = new FilterClient(clientProperties(), "no-such-filters")) {
            assertThatThrownBy(client::list).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the filters topic no-such-filters does not exist on "
                            + science.bootstrapServers())
                    .hasMessageContaining("pipeline apply");
            assertThatThrownBy(() -> client.add(FilterDefinition.of("bob", "any", "alertId != 0", OutputLevel.IDS)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
        }
    }

    /** A new topic like the pipeline file's filters topic (compacted, one partition). */
    private static String newFiltersTopic(String name) {
        science.createTopics(new TopicSpec(name, filtersTopic.partitions(), filtersTopic.replicationFactor(),
                filtersTopic.configs()));
        return name;
    }

    private static Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, science.bootstrapServers());
    }

    private static void produce(String topic, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(clientProperties(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /** Every fourth sample from {@code first}: each batch holds ZTF and Rubin alerts. */
    private static List<Sample> batch(int first) {
        return IntStream.iterate(first, i -> i < SAMPLES.size(), i -> i + 4).mapToObj(SAMPLES::get).toList();
    }

    private void send(List<Sample> samples) throws ExecutionException, InterruptedException {
        for (Sample s : samples) {
            producer.send(new ProducerRecord<>(annotatedTopic, s.key(), s.json())).get();
        }
    }

    /** Waits until the canary has written every record of the batches up to {@code last}. */
    private static void awaitEvaluated(int last) {
        List<Sample> sent = IntStream.rangeClosed(0, last).mapToObj(FilterIntegrationTest::batch)
                .flatMap(List::stream).toList();
        await().atMost(WITHIN).untilAsserted(() -> assertThat(alertIds("filter-lsst--uk-canary"))
                .containsExactlyInAnyOrderElementsOf(alertIds(sent, a -> true)));
    }

    private static void awaitExactly(FilterDefinition filter, List<Long> alertIds) {
        await().atMost(WITHIN).untilAsserted(() -> assertThat(alertIds(filter.topic()))
                .containsExactlyInAnyOrderElementsOf(alertIds));
    }

    /**
     * Waits until the stage has applied every record written to the filters topic so far: a probe filter is written
     * after them, and the global thread applies the topic's one partition in order.
     */
    private static void awaitApplied(FilterClient client, StageRunner runner) throws Exception {
        double before = active(runner);
        FilterDefinition probe = FilterDefinition.of("tests", "probe", "alertId == 0", OutputLevel.IDS);
        client.add(probe);
        await().atMost(WITHIN).until(() -> active(runner) == before + 1);
        client.delete(probe.key());
        await().atMost(WITHIN).until(() -> active(runner) == before);
    }

    private static double active(StageRunner runner) {
        return runner.metrics().registry().find("pipeline.filter.active").gauge().value();
    }

    private static List<Long> alertIds(List<Sample> samples, Predicate<AnnotatedAlert> predicate) {
        return samples.stream().map(Sample::alert).filter(predicate).map(AnnotatedAlert::alertId).toList();
    }

    private static List<Long> alertIds(String topic) {
        return science.readAll(List.of(topic)).stream().map(r -> {
            try {
                return TestRecords.MAPPER.readTree(r.value()).get("alertId").asLong();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static Set<String> topics() throws Exception {
        try (Admin admin = science.admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static void assertFilterTopic(String topic, int partitions, Duration retention) throws Exception {
        try (Admin admin = science.admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            assertThat(description.partitions()).hasSize(partitions);
            assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(retention.toMillis()));
        }
    }
}
