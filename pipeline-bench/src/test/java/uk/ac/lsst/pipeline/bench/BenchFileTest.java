package uk.ac.lsst.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.testing.TestCertificates;

/**
 * {@code pipeline bench --file} on the buffers of a pipeline file: an upstream that takes only SCRAM over TLS (as
 * Rubin's does, so every client must use the file's security settings) and plaintext ingest and science buffers,
 * with names of their own so that they are found through the stages. A run must touch nothing of the file's own.
 */
class BenchFileTest {
    private static final String PREFIX = "bench-\\d{8}-\\d{6}-[0-9a-f]{4}-";
    /** Every topic and group the file names. */
    private static final List<String> FILE_NAMES = List.of("alerts", "alerts-compact", "watchlists",
            "ingest-dead-letters",
            "crossmatch", "watchlist-hits", "thumbnails", "crossmatch-dead-letters", "watchlist-dead-letters",
            "thumbnail-dead-letters", "ingest-stage", "crossmatch-stage", "watchlist-stage", "thumbnail-stage");

    @TempDir
    static Path dir;
    @TempDir
    Path out;
    private static EmbeddedBuffer upstream;
    private static EmbeddedBuffer ingest;
    private static EmbeddedBuffer science;
    private static Path file;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates certificates = TestCertificates.create(dir);
        upstream = EmbeddedBuffer.startSecure("upstream", new EmbeddedBuffer.Secure(certificates.keystore(),
                certificates.password(), Map.of("bench", "upstream-password")));
        ingest = EmbeddedBuffer.start("ingest");
        science = EmbeddedBuffer.start("science");
        Files.writeString(dir.resolve("sasl-password"), "upstream-password");
        Files.writeString(dir.resolve("truststore-password"), certificates.password());
        file = Files.writeString(dir.resolve("pipeline.yaml"), """
                buffers:
                  survey:
                    bootstrap: %s
                    managed: false
                    security:
                      protocol: SASL_SSL
                      sasl: {mechanism: SCRAM-SHA-512, username: bench, password: {file: %s}}
                      ssl: {truststore: %s, truststore-type: PKCS12, truststore-password: {file: %s}}
                  local:
                    bootstrap: %s
                    properties: {client.dns.lookup: use_all_dns_ips}
                    topics:
                      alerts: {partitions: 2}
                      alerts-compact: {partitions: 2}
                      watchlists: {partitions: 1}
                      ingest-dead-letters: {partitions: 1}
                  results:
                    bootstrap: %s
                    topics:
                      crossmatch: {partitions: 2}
                      watchlist-hits: {partitions: 2}
                      thumbnails: {partitions: 2}
                      crossmatch-dead-letters: {partitions: 1}
                      watchlist-dead-letters: {partitions: 1}
                      thumbnail-dead-letters: {partitions: 1}
                stages:
                  ingest-stage:
                    type: buffer-ingest
                    input: {buffer: survey, topic-pattern: "ztf_.*"}
                    output: {buffer: local, topics: {alerts: alerts, compact: alerts-compact,
                                                     dead-letters: ingest-dead-letters}}
                  crossmatch-stage:
                    type: crossmatch-service
                    input: {buffer: local, topics: {alerts: alerts}}
                    output: {buffer: results, topics: {crossmatch: crossmatch, dead-letters: crossmatch-dead-letters}}
                    settings:
                      CATALOGUES: sdss
                      CATALOGUE_SDSS_FILE: ${SAMPLES_DIR}/catalogues/sdss_dr14_star_galaxy_qso_2k.csv
                      CATALOGUE_SDSS_ID_COLUMN: plate,mjd,fiberid
                  watchlist-stage:
                    type: watchlist-service
                    input: {buffer: local, topics: {alerts: alerts, watchlists: watchlists}}
                    output: {buffer: results, topics: {hits: watchlist-hits, dead-letters: watchlist-dead-letters}}
                  thumbnail-stage:
                    type: thumbnail-service
                    input: {buffer: local, topics: {alerts: alerts}}
                    output: {buffer: results, topics: {thumbnails: thumbnails, dead-letters: thumbnail-dead-letters}}
                    settings:
                      THUMBNAIL_DIR: ${THUMBNAIL_DIR}
                """.formatted(upstream.bootstrapServers(SecurityProtocol.SASL_SSL), dir.resolve("sasl-password"),
                certificates.truststore(), dir.resolve("truststore-password"), ingest.bootstrapServers(),
                science.bootstrapServers()));
    }

    @AfterAll
    static void stop() {
        science.close();
        ingest.close();
        upstream.close();
    }

    @Test
    void shouldMeasureEveryStageOnTheFileBuffersUnderTheRunPrefixAndDeleteItsTopicsAtTheEnd() throws Exception {
        Map<String, Set<String>> before = namesOnEachBuffer();

        BenchCli bench = BenchCli.run("--file", file.toString(), "--alerts", "30", "--survey", "ztf",
                "--partitions", "2", "--threads", "1", "--no-references", "--samples", BenchCli.SAMPLES.toString(),
                "--out", out.toString());

        assertThat(bench.exitCode()).as(bench.printed() + bench.errors()).isZero();
        JsonNode run = BenchCli.report(out);
        assertThat(run.get("complete").asBoolean()).isTrue();
        assertThat(run.get("buffers").asText()).contains(file.toString(), "survey", "local", "results");
        assertThat(run.get("topicPrefix").asText()).matches(PREFIX);
        assertThat(run.get("ingestBrokers").asInt()).isEqualTo(1);
        assertThat(run.get("stages")).extracting(s -> s.get("stage").asText()).containsExactly("ingest-stage",
                "crossmatch-stage", "watchlist-stage", "thumbnail-stage");
        for (JsonNode stage : run.get("stages")) {
            assertThat(stage.get("alertsIn").asLong()).as(stage.get("stage").asText()).isEqualTo(30);
        }
        assertThat(bench.printed()).contains("Deleted this run's");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(namesOnEachBuffer()).isEqualTo(before));
    }

    @Test
    void shouldMeasureOnlyTheStagesAskedForAndKeepOnlyTopicsAndGroupsOfTheRunWithKeepTopics() throws Exception {
        Map<String, Set<String>> before = namesOnEachBuffer();

        BenchCli bench = BenchCli.run("--file", file.toString(), "--keep-topics", "--stages", "watchlist-stage",
                "--alerts", "30", "--survey", "ztf", "--partitions", "2", "--threads", "1", "--no-references",
                "--samples", BenchCli.SAMPLES.toString(), "--out", out.toString());

        assertThat(bench.exitCode()).as(bench.printed() + bench.errors()).isZero();
        JsonNode run = BenchCli.report(out);
        assertThat(run.get("complete").asBoolean()).isTrue();
        assertThat(run.get("stagesRun")).extracting(JsonNode::asText)
                .containsExactly("ingest-stage", "watchlist-stage");
        assertThat(run.get("stagesSkipped")).extracting(JsonNode::asText)
                .containsExactly("crossmatch-stage", "thumbnail-stage");
        assertThat(run.get("stages")).extracting(s -> s.get("stage").asText())
                .containsExactly("ingest-stage", "watchlist-stage");
        assertThat(run.get("cpuSecondsByGroup").has("crossmatch-stage")).isFalse();
        assertThat(run.get("cpuSecondsByGroup").get("watchlist-stage").asDouble()).isPositive();
        assertThat(bench.printed()).contains("whole pipeline (only ingest-stage, watchlist-stage ran):");
        String prefix = run.get("topicPrefix").asText();
        Map<String, Set<String>> after = namesOnEachBuffer();
        Set<String> made = new HashSet<>();
        after.forEach((buffer, names) -> names.stream().filter(n -> !before.get(buffer).contains(n))
                .forEach(made::add));
        assertThat(made).contains("topic " + prefix + "alerts", "topic " + prefix + "watchlist-hits",
                "topic " + prefix + "watchlists", "group " + prefix + "ingest-stage",
                "group " + prefix + "watchlist-stage");
        assertThat(made).allSatisfy(n -> assertThat(n).matches("(topic|group) " + PREFIX + ".+"));
    }

    /** Per buffer, {@code topic <name>} and {@code group <name>} of everything it holds; none of the file's. */
    private static Map<String, Set<String>> namesOnEachBuffer() throws Exception {
        Map<String, Set<String>> names = new java.util.TreeMap<>();
        for (EmbeddedBuffer buffer : List.of(upstream, ingest, science)) {
            try (Admin admin = buffer.admin()) {
                Set<String> all = admin.listTopics().names().get().stream().map(t -> "topic " + t)
                        .collect(Collectors.toCollection(HashSet::new));
                admin.listGroups().all().get().stream().map(GroupListing::groupId).forEach(g -> all.add("group " + g));
                assertThat(all).as(buffer.name()).doesNotContainAnyElementsOf(FILE_NAMES.stream()
                        .flatMap(n -> java.util.stream.Stream.of("topic " + n, "group " + n)).toList());
                names.put(buffer.name(), all);
            }
        }
        return names;
    }
}
