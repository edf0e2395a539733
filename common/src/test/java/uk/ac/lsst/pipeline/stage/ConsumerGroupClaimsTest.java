package uk.ac.lsst.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.testing.CopyStage;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * The design's claims about consumer groups and partitions, checked on the stage runner with real brokers:
 * the stage reads one cluster and writes another.
 */
class ConsumerGroupClaimsTest {
    private static TestBuffer input;
    private static TestBuffer output;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBuffers() {
        input = TestBuffer.start();
        output = TestBuffer.start();
    }

    @AfterAll
    static void stopBuffers() {
        input.close();
        output.close();
    }

    @Test
    void shouldLetAFastAndASlowGroupEachReadEveryRecordAtTheirOwnPace() {
        input.createTopics(TopicSpec.of("pace-in", 4));
        output.createTopics(TopicSpec.of("pace-fast", 4), TopicSpec.of("pace-slow", 4));
        int n = 300;
        produce("pace-in", 0, n);
        AtomicLong fast = new AtomicLong();
        AtomicLong slow = new AtomicLong();
        try (StageRunner slowStage = CopyStage.runner("slow-group", input.bootstrapServers(), output.bootstrapServers(),
                stateDir.resolve("slow"), "pace-in", "pace-slow", Duration.ofMillis(40), slow);
             StageRunner fastStage = CopyStage.runner("fast-group", input.bootstrapServers(), output.bootstrapServers(),
                     stateDir.resolve("fast"), "pace-in", "pace-fast", Duration.ZERO, fast)) {
            slowStage.start();
            fastStage.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> output.readAll(List.of("pace-fast")).size() == n);
            assertThat(slow.get()).as("the slow group is behind when the fast one is done").isLessThan(n / 2);

            await().atMost(Duration.ofSeconds(90)).until(() -> output.readAll(List.of("pace-slow")).size() >= n);
            assertThat(ids(output.readAll(List.of("pace-slow")))).containsAll(expectedIds(0, n));
            assertThat(ids(output.readAll(List.of("pace-fast")))).containsExactlyInAnyOrderElementsOf(expectedIds(0, n));
        }
    }

    @ParameterizedTest(name = "{0} partitions over 3 workers -> {1}")
    @CsvSource({"2, 0/1/1", "4, 1/1/2", "8, 2/3/3"})
    void shouldSpreadPartitionsOverWorkersOfOneGroup(int partitions, String expected) {
        String in = "spread-" + partitions;
        input.createTopics(TopicSpec.of(in, partitions));
        output.createTopics(TopicSpec.of(in + "-out", partitions));
        List<StageRunner> workers = startWorkers("spread-group-" + partitions, in, 3);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(workers).allMatch(w -> w.state() == KafkaStreams.State.RUNNING);
                assertThat(distribution(workers)).isEqualTo(expected);
            });
        } finally {
            workers.forEach(StageRunner::close);
        }
    }

    @Test
    void shouldMoveTheDeadWorkersPartitionsToTheOthersWithoutLoss() {
        String in = "failover-in";
        input.createTopics(TopicSpec.of(in, 4));
        output.createTopics(TopicSpec.of("failover-out", 4));
        produce(in, 0, 200);
        List<StageRunner> workers = startWorkers("failover-group", in, 3);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(distribution(workers)).isEqualTo("1/1/2"));
            await().atMost(Duration.ofSeconds(60)).until(() -> output.readAll(List.of("failover-out")).size() >= 200);

            StageRunner victim = workers.stream().filter(w -> w.activePartitions().size() == 2).findFirst().orElseThrow();
            victim.close();
            List<StageRunner> survivors = workers.stream().filter(w -> w != victim).toList();
            produce(in, 200, 400);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(distribution(survivors)).isEqualTo("2/2");
                assertThat(ids(output.readAll(List.of("failover-out")))).containsAll(expectedIds(0, 400));
            });
        } finally {
            workers.forEach(StageRunner::close);
        }
    }

    @Test
    void shouldHandOverAtOnceWhenAWorkerIsStoppedCleanly() {
        String in = "handover-in";
        input.createTopics(TopicSpec.of(in, 4));
        output.createTopics(TopicSpec.of("handover-out", 4));
        List<StageRunner> workers = startWorkers("handover-group", in, 2);
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(
                    () -> assertThat(distribution(workers)).isEqualTo("2/2"));
            workers.get(0).close();
            // the stopped worker left the group: the other takes over long before the 45 s session time-out
            await().atMost(Duration.ofSeconds(25)).untilAsserted(
                    () -> assertThat(workers.get(1).activePartitions()).hasSize(4));
        } finally {
            workers.forEach(StageRunner::close);
        }
    }

    private List<StageRunner> startWorkers(String group, String in, int count) {
        List<StageRunner> workers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StageRunner w = CopyStage.runner(group, input.bootstrapServers(), output.bootstrapServers(),
                    stateDir.resolve(group + "-" + i), in, in.replace("-in", "") + "-out", Duration.ZERO,
                    new AtomicLong());
            w.start();
            workers.add(w);
        }
        return workers;
    }

    /** Partitions per worker, sorted ascending, e.g. "1/1/2". */
    private static String distribution(List<StageRunner> workers) {
        return workers.stream().map(w -> w.activePartitions().size()).sorted().map(String::valueOf)
                .collect(Collectors.joining("/"));
    }

    private static void produce(String topic, int from, int to) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, input.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            IntStream.range(from, to).forEach(i -> producer.send(new ProducerRecord<>(topic, "k" + i, "id-" + i)));
            producer.flush();
        }
    }

    private static List<String> expectedIds(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "id-" + i).toList();
    }

    private static Set<String> ids(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
    }
}
