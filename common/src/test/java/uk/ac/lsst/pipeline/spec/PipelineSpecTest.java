package uk.ac.lsst.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.testing.ProjectFiles;

class PipelineSpecTest {
    private static final StageKind INGEST = new StageKind("buffer-ingest", List.of(),
            List.of("alerts", "compact", "dead-letters"), true);
    private static final StageKind CROSSMATCH = new StageKind("crossmatch-service", List.of("alerts"),
            List.of("crossmatch", "dead-letters"), false);
    private static final StageKind WATCHLIST = new StageKind("watchlist-service", List.of("alerts", "watchlists"),
            List.of("hits", "dead-letters"), false);
    private static final StageKind THUMBNAILS = new StageKind("thumbnail-service", List.of("alerts"),
            List.of("thumbnails", "dead-letters"), false);
    private static final StageKind FEATURES = new StageKind("features-service", List.of("alerts", "watchlists"),
            List.of("annotated", "dead-letters"), false);
    private static final StageKind FILTERS = new StageKind("filter-service", List.of("annotated", "filters"),
            List.of("dead-letters"), false);
    /** The stage types of the project's pipeline file, as their stages declare them. */
    private static final StageKinds KINDS = StageKinds.complete(List.of(INGEST, CROSSMATCH, WATCHLIST, THUMBNAILS,
            FEATURES, FILTERS));

    private static final String MINIMAL = """
            version: 1
            buffers:
              ingest:
                bootstrap: ${INGEST_BOOTSTRAP:-localhost:9093}
                topics:
                  alerts: {partitions: 8, retention: P7D}
                  watchlists: {partitions: 1, configs: {cleanup.policy: compact}}
              science:
                bootstrap: localhost:9094
                replication: 3
                topics:
                  crossmatch: {partitions: 8}
                  crossmatch-dead-letters: {}
            stages:
              crossmatch-service:
                input: {buffer: ingest, topics: {alerts: alerts}}
                output: {buffer: science, topics: {crossmatch: crossmatch, dead-letters: crossmatch-dead-letters}}
                threads: 2
                replicas: 4
                settings:
                  CATALOGUES: sdss
            """;

    @Test
    void defaultPipelineFileDescribesItsStagesOnThreeBuffers() {
        PipelineSpec spec = PipelineSpec.load(ProjectFiles.pipelineFile(), Map.of(), KINDS);
        assertThat(spec.buffers()).containsOnlyKeys("upstream", "ingest", "science");
        assertThat(spec.buffer("upstream").managed()).isFalse();
        assertThat(spec.buffer("ingest").topics().get("alerts").partitions()).isEqualTo(16);
        assertThat(spec.buffer("ingest").topics().get("alerts").configs())
                .containsEntry("message.timestamp.type", "LogAppendTime")
                .containsEntry("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
        assertThat(spec.stages().values()).extracting(StageSpec::type).containsExactly("buffer-ingest",
                "crossmatch-service", "watchlist-service", "features-service", "filter-service", "thumbnail-service",
                "external");
        assertThat(spec.stage("features-service").settings()).isEqualTo(spec.stage("crossmatch-service").settings());
        assertThat(spec.stage("buffer-ingest").input().topicPattern()).isNotBlank();
        assertThat(spec.stage("watchlist-service").output().topics()).containsEntry("hits", "watchlist-hits");
    }

    @Test
    void variablesAreTakenFromTheEnvironmentWithDefaults() {
        PipelineSpec local = PipelineSpec.parse(MINIMAL, "test", Map.of(), KINDS);
        assertThat(local.buffer("ingest").bootstrap()).isEqualTo("localhost:9093");
        PipelineSpec compose = PipelineSpec.parse(MINIMAL, "test", Map.of("INGEST_BOOTSTRAP", "kafka-ingest:9092"), KINDS);
        assertThat(compose.buffer("ingest").bootstrap()).isEqualTo("kafka-ingest:9092");
        assertThat(compose.buffer("science").topics().get("crossmatch").replicationFactor()).isEqualTo((short) 3);
        assertThat(compose.buffer("ingest").topics().get("alerts").replicationFactor()).isEqualTo((short) -1);
    }

    @Test
    void everyProblemIsReportedWithItsLine() {
        String bad = """
                buffers:
                  ingest:
                    bootstrap: localhost:9093
                    topics:
                      alerts: {partitions: 0}
                      other: {partitions: lots}
                  science:
                    bootstrap: not-a-host-port
                    colour: blue
                stages:
                  crossmatch-service:
                    input: {buffer: ingst, topics: {alerts: alerts}}
                    output: {buffer: science, topics: {crossmatch: crossmatch}}
                    threads: 2
                  mystery:
                    input: {buffer: ingest, topics: {x: alerts}}
                    output: {buffer: science, topics: {}}
                """;
        assertThatThrownBy(() -> PipelineSpec.parse(bad, "bad.yaml", Map.of(), KINDS))
                .isInstanceOf(PipelineFileException.class)
                .satisfies(e -> assertThat(((PipelineFileException) e).problems()).containsExactlyInAnyOrder(
                        "line 5: topic alerts on buffer ingest partitions is 0: expected 1..100000",
                        "line 6: topic other on buffer ingest partitions is 'lots': expected a whole number 1..100000",
                        "line 8: buffer science bootstrap 'not-a-host-port' is invalid: expected host:port[,host:port...]",
                        "line 9: buffer science: unknown key 'colour': expected one of [bootstrap, managed, properties, "
                                + "replication, security, topics]",
                        "line 12: stage crossmatch-service input names buffer 'ingst', which is not defined: expected "
                                + "one of [ingest, science]",
                        "line 13: stage crossmatch-service output topic 'crossmatch' is not on buffer science: "
                                + "expected one of []",
                        "line 13: stage crossmatch-service output has no topic for role 'dead-letters': a "
                                + "crossmatch-service stage needs [crossmatch, dead-letters]",
                        "line 15: stage mystery has no 'type': expected one of [buffer-ingest, crossmatch-service, "
                                + "external, features-service, filter-service, thumbnail-service, watchlist-service] (a stage named after its type may "
                                + "leave it out)"))
                .hasMessageStartingWith("pipeline file bad.yaml is invalid (8 problems)");
    }

    @Test
    void moreStreamThreadsThanPartitionsIsRefused() {
        String tooMany = MINIMAL.replace("replicas: 4", "replicas: 5");
        assertThatThrownBy(() -> PipelineSpec.parse(tooMany, "t.yaml", Map.of(), KINDS))
                .isInstanceOf(PipelineFileException.class)
                .hasMessageContaining("line 18: stage crossmatch-service runs 5 replica(s) x 2 thread(s) = 10 stream "
                        + "threads, but topic alerts on buffer ingest has only 8 partition(s)");
    }

    @Test
    void topicsOfAStageMustExistOnItsBuffer() {
        String missing = MINIMAL.replace("topics: {alerts: alerts}}", "topics: {alerts: alerts-typo}}");
        assertThatThrownBy(() -> PipelineSpec.parse(missing, "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("line 16: stage crossmatch-service input topic 'alerts-typo' is not on buffer "
                        + "ingest: expected one of [alerts, watchlists]");
    }

    @Test
    void unsetVariableWithoutDefaultIsNamed() {
        String text = MINIMAL.replace("bootstrap: localhost:9094", "bootstrap: ${SCIENCE_HOSTS}");
        assertThatThrownBy(() -> PipelineSpec.parse(text, "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("line 9: buffer science bootstrap uses ${SCIENCE_HOSTS}, which is not set");
    }

    @Test
    void invalidYamlNamesTheLine() {
        assertThatThrownBy(() -> PipelineSpec.parse("buffers:\n  a: [1, 2\nstages: {}\n", "t.yaml", Map.of(), KINDS))
                .isInstanceOf(PipelineFileException.class)
                .hasMessageContaining("line 3: not valid YAML");
        assertThatThrownBy(() -> PipelineSpec.parse("", "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> PipelineSpec.parse("buffers: {}\nbuffers: {}\nstages: {}\n", "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("line 2").hasMessageContaining("duplicate key buffers");
    }

    @Test
    void passwordsWrittenInTheFileAreRefusedWithoutEchoingThem() {
        String text = secured("password: hunter2-secret");
        assertThatThrownBy(() -> PipelineSpec.parse(text, "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("line 9: buffer upstream security sasl password is written in the file")
                .hasMessageNotContaining("hunter2-secret");
        String setting = MINIMAL.replace("CATALOGUES: sdss", "CATALOGUE_PASSWORD: hunter2-secret");
        assertThatThrownBy(() -> PipelineSpec.parse(setting, "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("setting CATALOGUE_PASSWORD looks like a secret")
                .hasMessageNotContaining("hunter2-secret");
    }

    @Test
    void saslWithoutCredentialsIsMissingSecuritySettings() {
        String text = """
                buffers:
                  upstream:
                    bootstrap: alerts.example.org:9094
                    managed: false
                    security: {protocol: SASL_SSL}
                stages: {}
                """;
        assertThatThrownBy(() -> PipelineSpec.parse(text, "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("line 5: buffer upstream security uses SASL_SSL but has no 'sasl:'");
    }

    @Test
    void secretsAreReferencesWhenPrintedAndValuesOnlyWhenResolved(@TempDir Path dir) throws Exception {
        Path trust = Files.writeString(dir.resolve("ts"), "trust-pw");
        PipelineSpec spec = PipelineSpec.parse(secured("password: {env: UPSTREAM_PW}").replace("/run/secrets/ts",
                trust.toString()), "t.yaml", Map.of(), KINDS);
        BufferSpec upstream = spec.buffer("upstream");
        assertThat(upstream.security().protocol()).isEqualTo(SecurityProtocol.SASL_SSL);

        Map<String, String> printed = StageEnvironment.bufferVariables(upstream, "INPUT",
                StageEnvironment.Secrets.REFERENCE, Map.of("UPSTREAM_PW", "s3cret"));
        assertThat(printed).containsEntry("INPUT_SASL_PASSWORD", "${UPSTREAM_PW}")
                .containsEntry("INPUT_SSL_TRUSTSTORE_PASSWORD_FILE", trust.toString())
                .containsEntry("INPUT_SSL_TRUSTSTORE_LOCATION", "/etc/ts.p12")
                .containsEntry("INPUT_KAFKA_CLIENT_RACK", "zone-a");
        assertThat(printed.values()).doesNotContain("s3cret", "trust-pw");

        BufferSettings resolved = StageEnvironment.bufferSettings(upstream, Map.of("UPSTREAM_PW", "s3cret"));
        assertThat(resolved.saslPassword()).isEqualTo("s3cret");
        assertThat(resolved.ssl()).containsEntry("ssl.truststore.password", "trust-pw");
        assertThat(resolved.extra()).containsEntry("client.rack", "zone-a");
        assertThatThrownBy(() -> StageEnvironment.bufferSettings(upstream, Map.of()))
                .hasMessageContaining("$UPSTREAM_PW (for BUFFER_SASL_PASSWORD) is not set");
    }

    @Test
    void stageEnvironmentCarriesBuffersTopicsThreadsAndSettings() {
        PipelineSpec spec = PipelineSpec.parse(MINIMAL, "t.yaml", Map.of(), KINDS);
        Map<String, String> env = StageEnvironment.of(spec, "crossmatch-service", StageEnvironment.Secrets.REFERENCE,
                Map.of());
        assertThat(env).containsEntry("APPLICATION_ID", "crossmatch-service")
                .containsEntry("INPUT_BOOTSTRAP_SERVERS", "localhost:9093")
                .containsEntry("OUTPUT_BOOTSTRAP_SERVERS", "localhost:9094")
                .containsEntry("STREAM_THREADS", "2")
                .containsEntry("ALERTS_TOPIC", "alerts")
                .containsEntry("CROSSMATCH_TOPIC", "crossmatch")
                .containsEntry("CROSSMATCH_PARTITIONS", "8")
                .containsEntry("ALERTS_PARTITIONS", "8")
                .containsEntry("DEAD_LETTER_TOPIC", "crossmatch-dead-letters")
                .containsEntry("CATALOGUES", "sdss");
    }

    @Test
    void processEnvironmentWinsOverThePipelineFile() {
        Map<String, String> process = new HashMap<>();
        process.put(PipelineSpec.FILE_VARIABLE, ProjectFiles.pipelineFile().toString());
        process.put(PipelineEnvironment.STAGE_VARIABLE, "watchlist-service");
        process.put("STREAM_THREADS", "1");
        process.put("HITS_TOPIC", " ");
        Map<String, String> vars = PipelineEnvironment.resolve(process, WATCHLIST);
        assertThat(vars).containsEntry("STREAM_THREADS", "1").containsEntry("HITS_TOPIC", "watchlist-hits")
                .containsEntry("WATCHLISTS_TOPIC", "watchlists").containsEntry("INPUT_BOOTSTRAP_SERVERS", "localhost:9093");

        process.put(PipelineEnvironment.STAGE_VARIABLE, "crossmatch-service");
        assertThatThrownBy(() -> PipelineEnvironment.resolve(process, WATCHLIST))
                .hasMessageContaining("PIPELINE_STAGE='crossmatch-service' is a crossmatch-service stage");
        process.remove(PipelineEnvironment.STAGE_VARIABLE);
        assertThat(PipelineEnvironment.resolve(process, THUMBNAILS))
                .containsEntry("THUMBNAILS_TOPIC", "thumbnails");
        assertThat(PipelineEnvironment.resolve(Map.of("A", "b"), THUMBNAILS))
                .isEqualTo(Map.of("A", "b"));
    }

    @Test
    void anUnknownStageTypeIsAnErrorOnlyForAReaderThatKnowsEveryType() {
        String text = MINIMAL.replace("  crossmatch-service:\n", "  my-classifier:\n");
        assertThatThrownBy(() -> PipelineSpec.parse(text, "t.yaml", Map.of(), KINDS))
                .hasMessageContaining("stage my-classifier has no 'type': expected one of [buffer-ingest, "
                        + "crossmatch-service, external, features-service, filter-service, thumbnail-service, "
                        + "watchlist-service]");
        PipelineSpec spec = PipelineSpec.parse(text, "t.yaml", Map.of(), StageKinds.partial(List.of(WATCHLIST)));
        assertThat(spec.stage("my-classifier").type()).isEqualTo("my-classifier");
        assertThat(spec.stage("my-classifier").output().topics()).containsKeys("crossmatch", "dead-letters");
    }

    @Test
    void aStageOfAKnownTypeMustNameEveryTopicRoleOfItsType() {
        String text = MINIMAL.replace("topics: {crossmatch: crossmatch, dead-letters: crossmatch-dead-letters}",
                "topics: {crossmatch: crossmatch}");
        assertThatThrownBy(() -> PipelineSpec.parse(text, "t.yaml", Map.of(),
                StageKinds.partial(List.of(CROSSMATCH))))
                .hasMessageContaining("has no topic for role 'dead-letters': a crossmatch-service stage needs "
                        + "[crossmatch, dead-letters]");
        assertThat(PipelineSpec.parse(text, "t.yaml", Map.of(), StageKinds.partial(List.of())).stages())
                .containsKey("crossmatch-service");
    }

    @Test
    void aWrittenFileReadsBackIntoTheSameBuffersTopicsAndStages(@TempDir Path dir) throws Exception {
        Path trust = Files.writeString(dir.resolve("ts"), "trust-pw");
        PipelineSpec original = PipelineSpec.parse(secured("password: {env: UPSTREAM_PW}").replace("/run/secrets/ts",
                trust.toString()), "t.yaml", Map.of(), KINDS);
        PipelineSpec defaults = PipelineSpec.load(ProjectFiles.pipelineFile(), Map.of(), KINDS);
        for (PipelineSpec spec : List.of(original, defaults, defaults.withBootstrap("ingest", "127.0.0.1:40001"))) {
            String text = PipelineFileWriter.write(spec, "written by a test\nfrom " + spec.source());
            assertThat(text).startsWith("# written by a test\n# from ").doesNotContain("${");
            PipelineSpec again = PipelineSpec.parse(text, "again.yaml", Map.of(), KINDS);
            assertThat(again.buffers().keySet()).containsExactlyElementsOf(spec.buffers().keySet());
            spec.buffers().values().forEach(b -> {
                BufferSpec r = again.buffer(b.name());
                assertThat(r.bootstrap()).isEqualTo(b.bootstrap());
                assertThat(r.managed()).isEqualTo(b.managed());
                assertThat(r.security()).isEqualTo(b.security());
                assertThat(r.properties()).isEqualTo(b.properties());
                assertThat(r.topics()).isEqualTo(b.topics());
            });
            assertThat(again.stages().keySet()).containsExactlyElementsOf(spec.stages().keySet());
            spec.stages().values().forEach(s -> assertThat(again.stage(s.name()))
                    .usingRecursiveComparison().ignoringFields("line").isEqualTo(s));
        }
    }

    @Test
    void topicSpecsKeepFileOrderAndConfigs() {
        PipelineSpec spec = PipelineSpec.parse(MINIMAL, "t.yaml", Map.of(), KINDS);
        List<String> names = spec.buffer("ingest").topics().values().stream().map(TopicSpec::name).toList();
        assertThat(names).containsExactly("alerts", "watchlists");
        assertThat(spec.buffer("ingest").topics().get("watchlists").configs()).containsEntry("cleanup.policy", "compact");
    }

    private static String secured(String passwordLine) {
        return """
                buffers:
                  upstream:
                    bootstrap: alerts.example.org:9094
                    managed: false
                    security:
                      protocol: SASL_SSL
                      sasl:
                        username: lsst-uk
                        %s
                      ssl:
                        truststore: /etc/ts.p12
                        truststore-password: {file: /run/secrets/ts}
                    properties:
                      client.rack: zone-a
                stages: {}
                """.formatted(passwordLine);
    }
}
