package uk.ac.lsst.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchStage;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.ProjectFiles;
import uk.ac.lsst.pipeline.testing.SharedData;

/**
 * Non-Java clients on real brokers: kcat (librdkafka) reads the cross-match results that the Java stage wrote, and
 * the Python stage (python/annotator.py, confluent-kafka) turns them into annotations. Needs the Debian packages
 * python3-confluent-kafka and kcat, which .ci/run installs; outside CI the test is skipped when they are missing.
 */
class OtherLanguagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PYTHON = "/usr/bin/python3";
    private static final int ALERTS = 12;

    @TempDir
    Path work;

    @Test
    void kcatReadsOurOutputAndThePythonStageAnnotatesIt() throws Exception {
        requireTools();
        try (EmbeddedBuffer ingest = EmbeddedBuffer.start("lang-ingest");
             EmbeddedBuffer science = EmbeddedBuffer.start("lang-science")) {
            Map<String, String> vars = Map.of("SAMPLES_DIR", ProjectFiles.root().resolve("samples").toString(),
                    "ALERTS_PARTITIONS", "4", "THUMBNAIL_DIR", work.toString());
            PipelineSpec spec = PipelineSpec.load(ProjectFiles.pipelineFile(), vars, StageRegistry.load().kinds())
                    .withBootstrap("ingest", ingest.bootstrapServers())
                    .withBootstrap("science", science.bootstrapServers());
            TopicPlan.compute(spec, vars, Duration.ofSeconds(30)).apply(vars, Duration.ofSeconds(60));

            Map<String, String> env = new HashMap<>(StageEnvironment.of(spec, "crossmatch-service",
                    StageEnvironment.Secrets.RESOLVE, vars));
            env.put("HTTP_PORT", "0");
            env.put("STATE_DIR", work.resolve("state").toString());
            env.put("KAFKA_COMMIT_INTERVAL_MS", "200");
            StageRunner crossmatch = StageMain.start(new CrossmatchStage(), env);
            try {
                produceAlerts(ingest, env.get("ALERTS_TOPIC"));
                List<ConsumerRecord<byte[], byte[]>> results = awaitRecords(science, "crossmatch", ALERTS);
                Set<Long> alertIds = new TreeSet<>();
                for (ConsumerRecord<byte[], byte[]> r : results) {
                    alertIds.add(JSON.readTree(r.value()).get("alertId").asLong());
                }
                assertThat(alertIds).hasSize(ALERTS);

                // a record no stage wrote: the Python stage must skip it and go on
                try (KafkaProducer<byte[], byte[]> p = producer(science)) {
                    p.send(new ProducerRecord<>("crossmatch", 0, null, "not json".getBytes(StandardCharsets.UTF_8)))
                            .get();
                }

                List<String> kcat = run(List.of("kcat", "-C", "-b", science.bootstrapServers(), "-t", "crossmatch",
                        "-e", "-q", "-f", "%s\\n"), Map.of(), Duration.ofSeconds(60)).lines;
                Set<Long> seenByKcat = new TreeSet<>();
                for (String line : kcat) {
                    if (line.startsWith("{")) {
                        seenByKcat.add(JSON.readTree(line).get("alertId").asLong());
                    }
                }
                assertThat(seenByKcat).isEqualTo(alertIds);

                Map<String, String> pythonEnv = StageEnvironment.of(spec, "annotator",
                        StageEnvironment.Secrets.RESOLVE, vars);
                Result python = run(List.of(PYTHON, ProjectFiles.root().resolve("python/annotator.py").toString(),
                        "--max-records", String.valueOf(ALERTS + 1), "--idle-exit", "30"), pythonEnv,
                        Duration.ofSeconds(120));
                assertThat(python.code).as(String.join("\n", python.lines)).isZero();
                assertThat(String.join("\n", python.lines)).contains("read " + (ALERTS + 1) + ", wrote " + ALERTS
                        + " annotations, 1 unreadable");

                List<ConsumerRecord<byte[], byte[]>> annotations = awaitRecords(science, "annotations", ALERTS);
                Set<Long> annotated = new TreeSet<>();
                for (ConsumerRecord<byte[], byte[]> r : annotations) {
                    JsonNode a = JSON.readTree(r.value());
                    assertThat(a.get("annotator").asText()).isEqualTo("lsst-uk-annotator");
                    assertThat(a.get("priority").asText()).isIn("high", "medium", "low");
                    annotated.add(a.get("alertId").asLong());
                }
                assertThat(annotated).isEqualTo(alertIds);
            } finally {
                crossmatch.close();
            }
        }
    }

    private static void requireTools() throws Exception {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(PYTHON))
                || run(List.of(PYTHON, "-c", "import confluent_kafka"), Map.of(), Duration.ofSeconds(30)).code != 0) {
            missing.add("python3-confluent-kafka");
        }
        try {
            run(List.of("kcat", "-V"), Map.of(), Duration.ofSeconds(30));
        } catch (java.io.IOException e) {
            missing.add("kcat");
        }
        if (!missing.isEmpty()) {
            String message = "Debian packages " + missing + " are not installed (apt-get install " + String.join(" ",
                    missing) + "; .ci/run installs them)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
    }

    /** Sample alerts, as upstream sent them, into the topic crossmatch-service reads (any stage decodes either form). */
    private static void produceAlerts(EmbeddedBuffer ingest, String topic) throws Exception {
        List<Path> files = SharedData.ztfAlerts();
        try (KafkaProducer<byte[], byte[]> p = producer(ingest)) {
            for (int i = 0; i < ALERTS; i++) {
                p.send(new ProducerRecord<>(topic, null, Files.readAllBytes(files.get(i % files.size())))).get();
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(EmbeddedBuffer buffer, String topic, int n) {
        return Awaitility.await("at least " + n + " records in " + topic).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> TopicReader.readAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        buffer.bootstrapServers()), List.of(topic), Duration.ofSeconds(30)), r -> r.size() >= n);
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedBuffer buffer) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, buffer.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private record Result(int code, List<String> lines) {
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout) throws Exception {
        Path log = Files.createTempFile("other-language-", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(command.get(0) + " did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
