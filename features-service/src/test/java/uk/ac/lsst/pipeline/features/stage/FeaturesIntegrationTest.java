package uk.ac.lsst.pipeline.features.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.features.ObjectFeatures;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.JvmProcess;
import uk.ac.lsst.pipeline.testing.PipelineBuffers;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * features-service between two real, separate Kafka clusters, the ingest buffer and the science buffer: real alerts
 * annotated once each, bad records dead-lettered; and the stage killed with SIGKILL, its local state deleted, and
 * restarted, against an uninterrupted run of the same input.
 */
class FeaturesIntegrationTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);
    /** Real ZTF alerts with long histories, each replayed as one alert per detection (3 days of history each). */
    private static final List<String> HISTORIES = List.of(
            "ztf/alerts/fink-broker-2018-12-03-v3.2/697252845215010000.avro",
            "ztf/alerts/ztf-avro-alert/v3.2/2019_01_10_739260766315010006.avro",
            "ztf/alerts/misc/fink-alert-schemas_template_schema_ZTF_3p3.avro",
            "ztf/alerts/misc/pittgoogle_ztf_public_20221229_ZTF18abfkwnk_2188216843315010016.v3_3.avro",
            "ztf/alerts/misc/boom_2695378462115010012.v4_02.avro");
    private static final double HISTORY_DAYS = 3;

    private static PipelineBuffers buffers;
    private static TestBuffer ingest;
    private static TestBuffer science;

    @TempDir
    Path work;

    @BeforeAll
    static void startBuffers() {
        buffers = PipelineBuffers.start(Map.of("ALERTS_PARTITIONS", "4"));
        ingest = buffers.ingest();
        science = buffers.science();
    }

    @AfterAll
    static void stopBuffers() {
        buffers.close();
    }

    @Test
    void shouldAnnotateEveryAlertOnceIntoTheScienceBufferAndDeadLetterTheBadOnes() throws Exception {
        List<byte[]> alerts = StageAlerts.samples().stream().map(StageAlerts::compact).toList();
        byte[] good = alerts.get(0);
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        byte[] noPosition = StageAlerts.compact(StageAlerts.ztfAt(StageAlerts.samples().get(0), Double.NaN, 12.0));
        produce("alerts-compact", alerts.subList(0, alerts.size() / 2));
        produceRaw("alerts-compact", List.of(garbage, truncated, noPosition));
        produce("alerts-compact", alerts.subList(alerts.size() / 2, alerts.size()));

        Map<String, String> env = env("features-service", "alerts-compact", "annotated-alerts",
                work.resolve("state"), 200);
        try (StageRunner runner = StageMain.start(new FeaturesStage(), env)) {
            int total = alerts.size() + 3;
            await("every alert read and committed", () -> committed("features-service", "alerts-compact") == total);
            List<ConsumerRecord<byte[], byte[]>> annotated = science.readAll(List.of("annotated-alerts"));
            assertThat(annotated).extracting(r -> AnnotatedJson.alertId(r.value()))
                    .containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> StageAlerts.decode(a).alertId())
                            .toList());
            List<ConsumerRecord<byte[], byte[]>> dead = science.readAll(List.of("features-dead-letters"));
            assertThat(dead).extracting(r -> AlertHeaders.get(r.headers(), DeadLetterHeaders.REASON).orElseThrow())
                    .containsExactlyInAnyOrder("unknown-format", "corrupt", "no-position");
            assertThat(dead).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder(garbage, truncated, noPosition);
            assertThat(runner.failed()).isFalse();
            try (Admin ingestAdmin = ingest.admin(); Admin scienceAdmin = science.admin()) {
                String changelog = "features-service-object-features-changelog";
                assertThat(ingestAdmin.listTopics().names().get()).contains(changelog);
                assertThat(scienceAdmin.listTopics().names().get()).doesNotContain(changelog);
                assertThat(scienceAdmin.listGroups().all().get()).isEmpty();
            }
        }
    }

    /**
     * Sequences of five objects in three parts. The first stage process reads part 1 and commits it, then is killed:
     * nothing of part 1 is read again, so the second process can only know those objects from the changelog. The
     * second process commits nothing (a 10-minute commit interval) and is killed once its first results of part 2
     * are out: the third process restores the state from the changelog, ahead of the committed offsets, and reads
     * part 2 again before part 3. Each kill is followed by deleting the local state directory.
     */
    @Test
    void shouldRestoreEachObjectsStateFromTheChangelogAfterAKillWithoutShutdown() throws Exception {
        List<List<byte[]>> sequences = HISTORIES.stream().map(f -> ObjectSequences.fromHistory(
                StageAlerts.upstream(f), HISTORY_DAYS).stream().map(StageAlerts::compact).toList()).toList();
        List<byte[]> part1 = interleave(sequences, 0.0, 0.4);
        List<byte[]> part2 = interleave(sequences, 0.4, 0.7);
        List<byte[]> part3 = interleave(sequences, 0.7, 1.0);
        List<byte[]> all = Stream.of(part1, part2, part3).flatMap(List::stream).toList();
        Map<Long, ObjectFeatures> reference = uninterrupted(all);

        Map<Long, List<ObjectFeatures>> crashed = runKilledTwice(part1, part2, part3);

        assertThat(crashed.keySet()).containsExactlyInAnyOrderElementsOf(ids(all));
        assertAnnotatedOnceAsUninterrupted(crashed, part1, reference, "read once, before the first kill");
        // part 3 holds the last alert of every object
        assertAnnotatedOnceAsUninterrupted(crashed, part3, reference, "read once, after both restores");
        assertFirstAnnotationsOfReplaysAsUninterrupted(crashed, part2, reference);
        for (List<byte[]> sequence : sequences) {
            Alert first = StageAlerts.decode(part2.stream().filter(sequence::contains).findFirst().orElseThrow());
            assertThat(new FeatureCalculator().update(null, first).features())
                    .as("without its state, %s's first alert after the first kill", first.objectId())
                    .isNotEqualTo(reference.get(first.alertId()));
        }
    }

    /** Runs the stage in its own process over the three parts, killed after the first and after the second. */
    private Map<Long, List<ObjectFeatures>> runKilledTwice(List<byte[]> part1, List<byte[]> part2, List<byte[]> part3)
            throws Exception {
        ingest.createTopics(TopicSpec.of("crash-alerts", 4));
        science.createTopics(TopicSpec.of("crash-annotated", 4));
        int total = part1.size() + part2.size() + part3.size();
        Path state = work.resolve("crash-state");
        JvmProcess stage = launch(1, state, 100);
        try {
            produce("crash-alerts", part1);
            await(stage, "part 1 committed", () -> committed("features-crash", "crash-alerts") == part1.size());
            stage.kill();
            delete(state);

            stage = launch(2, state, 600_000);
            produce("crash-alerts", part2);
            await(stage, "first results of part 2", () -> annotatedIds("crash-annotated").stream()
                    .anyMatch(id -> ids(part2).contains(id)));
            stage.kill();
            delete(state);

            stage = launch(3, state, 100);
            produce("crash-alerts", part3);
            await(stage, "every alert committed", () -> committed("features-crash", "crash-alerts") == total);
            stage.stop();
        } finally {
            stage.close();
        }
        return featuresByAlertId("crash-annotated");
    }

    private static void assertAnnotatedOnceAsUninterrupted(Map<Long, List<ObjectFeatures>> annotated,
                                                           List<byte[]> part, Map<Long, ObjectFeatures> reference,
                                                           String how) {
        for (long id : ids(part)) {
            assertThat(annotated.get(id)).as("alert %d, %s", id, how).containsExactly(reference.get(id));
        }
    }

    /**
     * Alerts of part 2 annotated by the second process and again by the third: the first annotation is as in the
     * uninterrupted run. The second may not be: the third process read the alert again with its object's state
     * restored from the changelog, which may already hold the object's later alerts (at-least-once).
     */
    private static void assertFirstAnnotationsOfReplaysAsUninterrupted(Map<Long, List<ObjectFeatures>> annotated,
                                                                        List<byte[]> part2,
                                                                        Map<Long, ObjectFeatures> reference) {
        int replayed = 0;
        int changed = 0;
        for (long id : ids(part2)) {
            List<ObjectFeatures> records = annotated.get(id);
            if (records.size() > 1) {
                replayed++;
                changed += records.get(records.size() - 1).equals(reference.get(id)) ? 0 : 1;
                assertThat(records.get(0)).as("alert %d as the second process annotated it", id)
                        .isEqualTo(reference.get(id));
            }
        }
        System.out.printf("features restore: %d alerts of part 2 annotated again after the second kill, %d of them"
                + " with other features than the first time%n", replayed, changed);
    }

    /** The features of every alert in an in-process run that is never interrupted, on topics of its own. */
    private Map<Long, ObjectFeatures> uninterrupted(List<byte[]> alerts) throws Exception {
        ingest.createTopics(TopicSpec.of("reference-alerts", 4));
        science.createTopics(TopicSpec.of("reference-annotated", 4));
        produce("reference-alerts", alerts);
        try (StageRunner runner = StageMain.start(new FeaturesStage(), env("features-reference", "reference-alerts",
                "reference-annotated", work.resolve("reference-state"), 100))) {
            await("the uninterrupted run", () -> committed("features-reference", "reference-alerts") == alerts.size());
        }
        Map<Long, List<ObjectFeatures>> byId = featuresByAlertId("reference-annotated");
        List<ObjectFeatures> expected = ObjectSequences.expectedFeatures(alerts.stream().map(StageAlerts::decode)
                .toList());
        Map<Long, ObjectFeatures> reference = new HashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            long id = StageAlerts.decode(alerts.get(i)).alertId();
            assertThat(byId.get(id)).as("uninterrupted, alert %d", id).containsExactly(expected.get(i));
            reference.put(id, expected.get(i));
        }
        return reference;
    }

    /** Starts the stage in a JVM of its own, through the entry point every stage image runs. */
    private JvmProcess launch(int run, Path state, int commitIntervalMs) {
        Map<String, String> env = env("features-crash", "crash-alerts", "crash-annotated", state, commitIntervalMs);
        // a killed member stays in the group until its session times out; the next one waits for that
        env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        env.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
        return JvmProcess.start("features-service run " + run, StageMain.class, env,
                work.resolve("features-run-" + run + ".log"), List.of("-Xmx256m"), List.of("features-service"));
    }

    private static Map<String, String> env(String applicationId, String alerts, String annotated, Path state,
                                           int commitIntervalMs) {
        Map<String, String> env = StageEnv.of(ingest.bootstrapServers(), science.bootstrapServers());
        env.put("APPLICATION_ID", applicationId);
        env.put("ALERTS_TOPIC", alerts);
        env.put("ANNOTATED_TOPIC", annotated);
        env.put("STATE_DIR", state.toString());
        env.put("HTTP_PORT", "0");
        env.put("KAFKA_COMMIT_INTERVAL_MS", Integer.toString(commitIntervalMs));
        return env;
    }

    /** The parts {@code [from, to)} of every sequence, taken in turns: one alert of each object, then the next. */
    private static List<byte[]> interleave(List<List<byte[]>> sequences, double from, double to) {
        List<List<byte[]>> parts = sequences.stream()
                .map(s -> s.subList((int) Math.round(s.size() * from), (int) Math.round(s.size() * to))).toList();
        int longest = parts.stream().mapToInt(List::size).max().orElse(0);
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < longest; i++) {
            for (List<byte[]> part : parts) {
                if (i < part.size()) {
                    all.add(part.get(i));
                }
            }
        }
        return all;
    }

    /** Sends compact alerts keyed by object id with buffer-ingest's headers, in order, each acknowledged. */
    private static void produce(String topic, List<byte[]> compact) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (byte[] value : compact) {
                Alert alert = StageAlerts.decode(value);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, alert.objectId(), value,
                        StageAlerts.headers(alert));
                producer.send(record).get();
            }
        }
    }

    /** Sends values without key or headers. */
    private static void produceRaw(String topic, List<byte[]> values) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ingest.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The sum of the offsets the group committed on the ingest buffer for a topic. */
    private static long committed(String group, String topic) throws Exception {
        try (Admin admin = ingest.admin()) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** Every annotated record's features by alert id, each id's records in the order written (one partition). */
    private static Map<Long, List<ObjectFeatures>> featuresByAlertId(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(science.readAll(List.of(topic)));
        records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        Map<Long, List<ObjectFeatures>> byId = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byId.computeIfAbsent(AnnotatedJson.alertId(r.value()), id -> new ArrayList<>())
                    .add(AnnotatedJson.features(r.value()));
        }
        return byId;
    }

    private static List<Long> annotatedIds(String topic) {
        return science.readAll(List.of(topic)).stream().map(r -> AnnotatedJson.alertId(r.value())).toList();
    }

    private static List<Long> ids(List<byte[]> alerts) {
        return alerts.stream().map(a -> StageAlerts.decode(a).alertId()).toList();
    }

    private static void await(String what, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(WITHIN).pollInterval(Duration.ofMillis(300)).until(condition);
    }

    /** Waits for a condition while the stage process runs; on failure, shows what the process logged. */
    private static void await(JvmProcess stage, String what, Callable<Boolean> condition) {
        try {
            Awaitility.await(what).atMost(WITHIN).pollInterval(Duration.ofMillis(300))
                    .failFast(stage + " exited", () -> !stage.isAlive()).until(condition);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(what + ": " + e.getMessage() + "\n" + tail(stage.log()), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(dir).doesNotExist();
    }
}
