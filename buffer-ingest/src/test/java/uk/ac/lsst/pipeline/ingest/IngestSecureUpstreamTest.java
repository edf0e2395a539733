package uk.ac.lsst.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.buffer.BufferCheck;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.testing.TestCertificates;

/** buffer-ingest reading an upstream that requires SCRAM-SHA-512 over TLS (as Rubin's does) and writing over TLS. */
class IngestSecureUpstreamTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static EmbeddedBuffer upstream;
    private static EmbeddedBuffer ingest;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(dir);
        EmbeddedBuffer.Secure secure = new EmbeddedBuffer.Secure(certificates.keystore(), certificates.password(),
                Map.of("lsst-uk", "alert-stream-password"));
        upstream = EmbeddedBuffer.startSecure("upstream", secure);
        ingest = EmbeddedBuffer.startSecure("ingest", secure);
        upstream.ensureTopics(List.of(TopicSpec.of("alerts-simulated", 2)));
        ingest.ensureTopics(List.of(TopicSpec.of("alerts", 2), TopicSpec.of("alerts-compact", 2),
                TopicSpec.of("ingest-dead-letters", 1)));
    }

    @AfterAll
    static void stop() {
        upstream.close();
        ingest.close();
    }

    @Test
    void shouldMirrorFromAScramOverTlsUpstreamIntoATlsBuffer() {
        List<Path> files = SharedData.files("ztf/alerts/misc", ".avro");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, upstream.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            files.forEach(f -> producer.send(new ProducerRecord<>("alerts-simulated", SharedData.bytes(f))));
            producer.flush();
        }
        try (StageRunner runner = StageMain.start(new IngestStage(), env("alert-stream-password"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> runner.metrics().alertsOut() == files.size());
        }
        try (var admin = ingest.admin()) {
            assertThat(new uk.ac.lsst.pipeline.buffer.TopicAdmin(admin, Duration.ofSeconds(30))
                    .endOffsets(List.of("alerts")).values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(files.size());
        }
    }

    @Test
    void shouldRefuseToStartWithAClearMessageWhenTheUpstreamPasswordIsWrong() {
        IngestSettings settings = new IngestStage().settings(env("not-the-password"));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        List<Logger> captured = List.of(logger("org.apache.kafka"), logger("uk.ac.lsst"));
        Map<Logger, Level> levels = new HashMap<>();
        captured.forEach(l -> levels.put(l, l.getLevel()));
        captured.forEach(l -> capture(l, logs));
        try (StageRunner runner = StageMain.create(new IngestStage(), env("not-the-password"))) {
            assertThatThrownBy(runner::start)
                    .isInstanceOf(BufferCheck.BufferUnavailableException.class)
                    .hasMessageContaining("input buffer at " + upstream.bootstrapServers(SecurityProtocol.SASL_SSL))
                    .hasMessageContaining("refused our credentials")
                    .hasMessageNotContaining("not-the-password");
        } finally {
            captured.forEach(l -> release(l, logs, levels.get(l)));
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains("not-the-password"));
        assertThat(settings.stage().input().toString()).doesNotContain("not-the-password");
    }

    private static Logger logger(String name) {
        return (Logger) LoggerFactory.getLogger(name);
    }

    /** Sends every event of the logger, at every level, to the appender only (not to the console). */
    private static void capture(Logger logger, ListAppender<ILoggingEvent> appender) {
        logger.setLevel(Level.ALL);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    private static void release(Logger logger, ListAppender<ILoggingEvent> appender, Level level) {
        logger.detachAppender(appender);
        logger.setAdditive(true);
        logger.setLevel(level);
    }

    private static Map<String, String> env(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", upstream.bootstrapServers(SecurityProtocol.SASL_SSL));
        env.put("INPUT_SECURITY_PROTOCOL", "SASL_SSL");
        env.put("INPUT_SASL_MECHANISM", "SCRAM-SHA-512");
        env.put("INPUT_SASL_USERNAME", "lsst-uk");
        env.put("INPUT_SASL_PASSWORD", password);
        env.put("INPUT_SSL_TRUSTSTORE_LOCATION", certificates.truststore().toString());
        env.put("INPUT_SSL_TRUSTSTORE_PASSWORD", certificates.password());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers(SecurityProtocol.SSL));
        env.put("OUTPUT_SECURITY_PROTOCOL", "SSL");
        env.put("OUTPUT_SSL_TRUSTSTORE_LOCATION", certificates.truststore().toString());
        env.put("OUTPUT_SSL_TRUSTSTORE_PASSWORD", certificates.password());
        env.put("UPSTREAM_TOPICS", "alerts-simulated");
        env.put("ALERTS_PARTITIONS", "2");
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", dir.resolve("state").toString());
        return env;
    }
}
