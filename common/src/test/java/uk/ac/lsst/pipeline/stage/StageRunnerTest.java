package uk.ac.lsst.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.testing.CopyStage;
import uk.ac.lsst.pipeline.testing.TestBuffer;

class StageRunnerTest {
    private static TestBuffer buffer;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    @BeforeAll
    static void start() {
        buffer = TestBuffer.start();
        buffer.createTopics(TopicSpec.of("health-in", 2), TopicSpec.of("health-out", 2), TopicSpec.of("boom-in", 1));
    }

    @AfterAll
    static void stop() {
        buffer.close();
    }

    @Test
    void shouldServeHealthAndPrometheusMetricsFromTheStreamsState() throws Exception {
        StageMetrics metrics = StageMetrics.prometheus("health-stage");
        CopyStage stage = new CopyStage(Duration.ZERO, new AtomicLong());
        CopyStage.Settings settings = stage.settings(CopyStage.env("health-stage", buffer.bootstrapServers(),
                buffer.bootstrapServers(), stateDir, "health-in", "health-out", Map.of()));
        try (StageRunner runner = new StageRunner(settings, stage.build(settings, StageContext.of(metrics)),
                metrics)) {
            runner.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> runner.state() == KafkaStreams.State.RUNNING);

            HttpResponse<String> live = get(runner, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.body()).contains("\"state\":\"RUNNING\"").contains("\"stage\":\"health-stage\"");
            assertThat(get(runner, "/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> scrape = get(runner, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(scrape.body()).contains("pipeline_alerts_in_total{stage=\"health-stage\"}")
                    .contains("kafka_stream_").contains("jvm_memory_used_bytes");
            assertThat(get(runner, "/nowhere").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldFailLivenessAndExitNonZeroWhenTheTopologyThrows() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("boom-in", Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
                .foreach((k, v) -> {
                    throw new IllegalStateException("unexpected bug in a processor");
                }, Named.as("explode"));
        CopyStage.Settings settings = new CopyStage(Duration.ZERO, new AtomicLong()).settings(CopyStage.env(
                "boom-stage", buffer.bootstrapServers(), buffer.bootstrapServers(), stateDir, "boom-in", "boom-in",
                Map.of()));
        try (StageRunner runner = new StageRunner(settings, StageParts.of(builder.build()),
                new StageMetrics(new SimpleMeterRegistry(), "boom-stage"));
             KafkaProducer<String, String> producer = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, buffer.bootstrapServers()),
                     new StringSerializer(), new StringSerializer())) {
            runner.start();
            producer.send(new ProducerRecord<>("boom-in", "k", "v")).get();

            assertThat(runner.awaitTermination(Duration.ofSeconds(60))).isTrue();
            assertThat(runner.failed()).isTrue();
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(get(runner, "/health/live").statusCode()).isEqualTo(503);
            assertThat(get(runner, "/health/ready").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shouldRefuseToStartWhenItsTopicsAreMissingOrHaveOtherPartitions() {
        CopyStage stage = new CopyStage(Duration.ZERO, new AtomicLong());
        Map<String, String> env = CopyStage.env("check-stage", buffer.bootstrapServers(), buffer.bootstrapServers(),
                stateDir, "health-in", "no-such-topic", Map.of("IN_PARTITIONS", "3"));
        assertThatThrownBy(() -> StageMain.start(stage, env))
                .isInstanceOf(StageStartException.class)
                .hasMessageContaining("topic health-in (in) on the input buffer at " + buffer.bootstrapServers()
                        + " has 2 partitions: expected 3")
                .hasMessageContaining("topic no-such-topic (out) does not exist on the output buffer")
                .hasMessageContaining("pipeline apply");
    }

    @Test
    void shouldRunAnyStageOfTheRegistryThroughTheGenericEntryPoint() {
        CopyStage copy = new CopyStage(Duration.ZERO, new AtomicLong());
        StageRegistry registry = StageRegistry.of(List.of(copy));
        assertThat(StageMain.select(registry, new String[0], Map.of())).isSameAs(copy);
        assertThat(StageMain.select(registry, new String[] {"copy"}, Map.of())).isSameAs(copy);
        assertThatThrownBy(() -> StageMain.select(registry, new String[] {"crossmatch-service"}, Map.of()))
                .hasMessage("no stage of type 'crossmatch-service' here: expected one of [copy]");
        assertThat(StageMain.run(copy, Map.of("STREAM_THREADS", "none"))).isEqualTo(2);
    }

    @Test
    void shouldConfigureAtLeastOnceOnTheInputBufferWithOverridesLast() {
        StageSettings settings = new CopyStage(Duration.ZERO, new AtomicLong()).settings(CopyStage.env(
                "props-stage", "in:9092", "out:9092", stateDir, "in", "out",
                Map.of("STREAM_THREADS", "3", "KAFKA_COMMIT_INTERVAL_MS", "250"))).stage();
        Properties p = StageRunner.streamsProperties(settings);
        assertThat(p).containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE)
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "props-stage")
                .containsEntry("commit.interval.ms", "250");
    }

    private HttpResponse<String> get(StageRunner runner, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + runner.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
