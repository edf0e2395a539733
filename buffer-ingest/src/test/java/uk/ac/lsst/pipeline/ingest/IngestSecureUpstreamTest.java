package uk.ac.lsst.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
import uk.ac.lsst.pipeline.buffer.BufferCheck;
import uk.ac.lsst.pipeline.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.stage.StageMetrics;
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
        IngestSettings settings = IngestSettings.fromEnv(env("alert-stream-password"));
        try (StageRunner runner = IngestService.start(settings, StageMetrics.prometheus("buffer-ingest"))) {
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
        IngestSettings settings = IngestSettings.fromEnv(env("not-the-password"));
        try (StageRunner runner = IngestService.create(settings, StageMetrics.prometheus("buffer-ingest"))) {
            assertThatThrownBy(runner::start)
                    .isInstanceOf(BufferCheck.BufferUnavailableException.class)
                    .hasMessageContaining("input buffer at " + upstream.bootstrapServers(SecurityProtocol.SASL_SSL))
                    .hasMessageContaining("refused our credentials")
                    .hasMessageNotContaining("not-the-password");
        }
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
