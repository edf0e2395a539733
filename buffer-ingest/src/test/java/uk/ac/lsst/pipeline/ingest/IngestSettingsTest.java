package uk.ac.lsst.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.config.TopicUse;

class IngestSettingsTest {

    @Test
    void shouldListEveryMissingOrInvalidVariableAtOnce() {
        assertThatThrownBy(() -> new IngestStage().settings(Map.of(
                "STREAM_THREADS", "zero",
                "ALERTS_PARTITIONS", "-3",
                "START_FROM", "yesterday",
                "INPUT_SECURITY_PROTOCOL", "SASL_SSL")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("INPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("OUTPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("INPUT_SASL_USERNAME is missing"))
                        .anyMatch(p -> p.startsWith("INPUT_SASL_PASSWORD is missing"))
                        .anyMatch(p -> p.startsWith("STREAM_THREADS='zero' is invalid"))
                        .anyMatch(p -> p.startsWith("ALERTS_PARTITIONS='-3' is invalid"))
                        .anyMatch(p -> p.startsWith("START_FROM='yesterday' is invalid"))
                        .anyMatch(p -> p.startsWith("UPSTREAM_TOPICS or UPSTREAM_TOPIC_PATTERN is missing"))
                        .hasSize(8));
    }

    @Test
    void shouldReadAFullConfiguration() {
        IngestSettings s = new IngestStage().settings(Map.ofEntries(
                Map.entry("INPUT_BOOTSTRAP_SERVERS", "alert-stream.example:9094"),
                Map.entry("INPUT_SECURITY_PROTOCOL", "sasl_ssl"),
                Map.entry("INPUT_SASL_USERNAME", "lsst-uk"),
                Map.entry("INPUT_SASL_PASSWORD", "s3cret\"quote"),
                Map.entry("OUTPUT_BOOTSTRAP_SERVERS", "ingest-kafka:9092"),
                Map.entry("UPSTREAM_TOPICS", "alerts-simulated, lsst-alerts"),
                Map.entry("START_FROM", "PT6H"),
                Map.entry("ALERTS_PARTITIONS", "32"),
                Map.entry("STREAM_THREADS", "4"),
                Map.entry("KAFKA_COMMIT_INTERVAL_MS", "250"),
                Map.entry("KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd")));
        assertThat(s.upstreamTopics()).containsExactly("alerts-simulated", "lsst-alerts");
        assertThat(s.stage().threads()).isEqualTo(4);
        assertThat(s.stage().input().securityProtocol()).isEqualTo(SecurityProtocol.SASL_SSL);
        assertThat(s.stage().input().saslMechanism()).isEqualTo("SCRAM-SHA-512");
        assertThat(s.stage().input().clientProperties().get("sasl.jaas.config").toString())
                .contains("ScramLoginModule").contains("username=\"lsst-uk\"").contains("password=\"s3cret\\\"quote\"");
        assertThat(s.stage().input().toString()).doesNotContain("s3cret");
        assertThat(s.stage().streamsOverrides()).containsEntry("commit.interval.ms", "250")
                .containsEntry("producer.batch.size", "262144").containsEntry("producer.linger.ms", "0")
                .containsEntry("producer.compression.type", "zstd");
        assertThat(s.writes()).containsExactly(new TopicUse("alerts", "alerts", 32),
                new TopicUse("compact", "alerts-compact", 0), new TopicUse("dead-letters", "ingest-dead-letters", 0));
        assertThat(s.reads()).extracting(TopicUse::name).containsExactly("alerts-simulated", "lsst-alerts");
        assertThat(s.alerts().startFrom().spec()).isEqualTo("PT6H");
    }

    @Test
    void shouldCompressWithLz4AndBatchWholeAlertsByDefault() {
        IngestSettings s = new IngestStage().settings(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "upstream:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "UPSTREAM_TOPICS", "lsst-alerts"));
        assertThat(s.stage().streamsOverrides()).containsEntry("producer.compression.type", "lz4")
                .containsEntry("producer.batch.size", "262144").containsEntry("producer.linger.ms", "0");
    }
}
