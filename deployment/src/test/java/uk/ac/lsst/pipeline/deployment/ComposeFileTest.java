package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against pipeline.yaml and the build: buffers, networks, wiring, images, secrets. */
class ComposeFileTest {
    private static final String MONITORING = "monitoring";

    private final PipelineFile pipeline = PipelineFile.repository();
    private final JsonNode compose = Yaml.read(Repository.file("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    @Test
    void shouldRunOneKraftKafkaPerBufferOnItsOwnNetwork() {
        for (PipelineFile.Buffer buffer : pipeline.buffers().values()) {
            String name = buffer.name() + "-kafka";
            JsonNode kafka = services.path(name);
            assertThat(kafka.isObject()).as("a Kafka service %s for buffer %s", name, buffer.name()).isTrue();
            assertThat(Yaml.withDefaults(kafka.path("image").asText()))
                    .as("%s runs the official image of the build's Kafka version", name)
                    .isEqualTo("apache/kafka:" + Repository.kafkaVersion());
            Map<String, String> env = environment(kafka);
            assertThat(env.get("KAFKA_PROCESS_ROLES")).as("%s: KRaft", name).contains("controller");
            assertThat(env.keySet()).as("%s: no ZooKeeper", name).noneMatch(k -> k.contains("ZOOKEEPER"));
            assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://" + name + ":9092");
            assertThat(env.get("CLUSTER_ID")).as("%s: a cluster of its own", name).isNotBlank();
            assertThat(networks(kafka)).as("%s networks", name).containsExactly(buffer.name());
            if (!buffer.managed()) {
                assertThat(Yaml.texts(kafka.path("profiles")))
                        .as("%s stands in for a cluster the pipeline does not manage: only in a profile", name)
                        .isNotEmpty();
            }
        }
        Set<String> clusterIds = pipeline.buffers().keySet().stream()
                .map(b -> environment(services.path(b + "-kafka")).get("CLUSTER_ID")).collect(Collectors.toSet());
        assertThat(clusterIds).hasSize(pipeline.buffers().size());
    }

    @Test
    void shouldWireEveryStageToExactlyTheNetworksAndBootstrapOfItsBuffers() {
        for (PipelineFile.Stage stage : pipeline.stages().values()) {
            JsonNode service = services.path(stage.name());
            assertThat(service.isObject()).as("a service for stage %s", stage.name()).isTrue();
            Set<String> joined = new HashSet<>(networks(service));
            joined.remove(MONITORING);
            assertThat(joined).as("networks of %s", stage.name()).isEqualTo(stage.buffers());

            Map<String, String> env = environment(service);
            if (stage.external()) {
                // a stage in another language takes the variables `pipeline env` prints for it
                assertThat(Yaml.withDefaults(env.get("INPUT_BOOTSTRAP_SERVERS"))).as(stage.name())
                        .isEqualTo(stage.input() + "-kafka:9092");
                assertThat(Yaml.withDefaults(env.get("OUTPUT_BOOTSTRAP_SERVERS"))).as(stage.name())
                        .isEqualTo(stage.output() + "-kafka:9092");
                continue;
            }
            assertThat(env).as(stage.name()).containsEntry("PIPELINE_STAGE", stage.name())
                    .containsEntry("PIPELINE_FILE", "/etc/pipeline/pipeline.yaml");
            assertThat(Yaml.texts(service.path("volumes")))
                    .contains("./pipeline.yaml:/etc/pipeline/pipeline.yaml:ro");
            Set<String> bootstrapVariables = bootstrapVariables(env);
            assertThat(bootstrapVariables).as("bootstrap variables of %s", stage.name())
                    .isEqualTo(stage.buffers().stream().map(b -> pipeline.buffer(b).bootstrapVariable())
                            .collect(Collectors.toSet()));
            for (String buffer : stage.buffers()) {
                String value = Yaml.withDefaults(env.get(pipeline.buffer(buffer).bootstrapVariable()));
                assertThat(value).as("%s reaches buffer %s", stage.name(), buffer)
                        .isEqualTo(buffer + "-kafka:9092");
            }
        }
    }

    @Test
    void shouldLetEveryStageScaleWithoutFixedNamesOrPorts() {
        for (PipelineFile.Stage stage : pipeline.stages().values()) {
            JsonNode service = services.path(stage.name());
            assertThat(service.has("container_name")).as("%s container_name", stage.name()).isFalse();
            assertThat(service.has("ports")).as("%s host ports", stage.name()).isFalse();
            assertThat(service.path("depends_on").path("pipeline-init").path("condition").asText())
                    .as("%s starts once the topics exist", stage.name())
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void shouldRunEveryJavaStageFromItsModulesJibImage() {
        for (PipelineFile.Stage stage : pipeline.stages().values()) {
            if (stage.external()) {
                continue;
            }
            assertThat(Files.isRegularFile(Repository.file(stage.name() + "/pom.xml")))
                    .as("a module %s builds the image", stage.name()).isTrue();
            assertThat(services.path(stage.name()).path("image").asText()).isEqualTo(image(stage.name()));
        }
        assertThat(services.path("pipeline-init").path("image").asText()).isEqualTo(image("pipeline-cli"));
    }

    @Test
    void shouldApplyTheTopicsOfEveryManagedBufferBeforeTheStagesStart() {
        JsonNode init = services.path("pipeline-init");
        assertThat(Yaml.texts(init.path("command"))).containsExactly("apply", "-f", "/etc/pipeline/pipeline.yaml");
        Set<String> managed = pipeline.buffers().values().stream().filter(PipelineFile.Buffer::managed)
                .map(PipelineFile.Buffer::name).collect(Collectors.toSet());
        assertThat(new HashSet<>(networks(init))).isEqualTo(managed);
        Map<String, String> env = environment(init);
        for (String buffer : managed) {
            assertThat(Yaml.withDefaults(env.get(pipeline.buffer(buffer).bootstrapVariable())))
                    .isEqualTo(buffer + "-kafka:9092");
            assertThat(init.path("depends_on").path(buffer + "-kafka").path("condition").asText())
                    .isEqualTo("service_healthy");
        }
    }

    @Test
    void shouldReplaySampleAlertsIntoTheUpstreamSimulatorOnlyInItsProfile() {
        List<String> replays = List.of("replay-ztf", "replay-lsst");
        for (String name : replays) {
            JsonNode replay = services.path(name);
            assertThat(Yaml.texts(replay.path("profiles"))).containsExactly("simulator");
            assertThat(replay.path("image").asText()).isEqualTo(image("pipeline-cli"));
            List<String> command = Yaml.texts(replay.path("command"));
            assertThat(command.get(0)).isEqualTo("replay");
            assertThat(command).containsSubsequence("--bootstrap-servers", "upstream-kafka:9092");
            String alerts = command.get(command.indexOf("--alerts") + 1);
            assertThat(alerts).startsWith("/app/samples/alerts/");
            assertThat(Files.isDirectory(Repository.file(alerts.substring("/app/".length())))).isTrue();
            assertThat(networks(replay)).containsExactly("upstream");
        }
    }

    @Test
    void shouldTakeSecretsFromAnUncommittedEnvFile() throws IOException {
        assertThat(Files.readAllLines(Repository.file(".gitignore"))).contains("/.env");
        String example = Files.readString(Repository.file(".env.example"));
        String composeText = Files.readString(Repository.file("docker-compose.yml"));
        for (String variable : List.of("UPSTREAM_SASL_USERNAME", "UPSTREAM_SASL_PASSWORD", "UPSTREAM_BOOTSTRAP")) {
            assertThat(example).contains(variable);
            assertThat(composeText).contains("${" + variable);
        }
        Map<String, String> ingest = environment(services.path("buffer-ingest"));
        assertThat(ingest.get("UPSTREAM_SASL_PASSWORD")).isEqualTo("${UPSTREAM_SASL_PASSWORD:-}");
        assertThat(ingest.get("UPSTREAM_SASL_USERNAME")).isEqualTo("${UPSTREAM_SASL_USERNAME:-}");
    }

    @Test
    void shouldSetNoStageVariableThatMayResolveToNothing() {
        // a blank variable is ignored (the file's value stands), so a stage setting that may be empty only looks
        // like one; the upstream's credentials are the exception: variables that the file's security block reads
        for (PipelineFile.Stage stage : pipeline.stages().values()) {
            environment(services.path(stage.name())).forEach((name, value) -> {
                if (!name.endsWith("_BOOTSTRAP") && !name.startsWith("UPSTREAM_SASL_")) {
                    assertThat(Yaml.withDefaults(value)).as("%s: %s", stage.name(), name).isNotBlank();
                }
            });
        }
    }

    static String image(String module) {
        return "${IMAGE_REGISTRY:-" + Repository.imageRegistry() + "}/" + module + ":${PIPELINE_VERSION:-"
                + Repository.version() + "}";
    }

    static Set<String> bootstrapVariables(Map<String, String> env) {
        return env.keySet().stream().filter(k -> k.endsWith("_BOOTSTRAP")).collect(Collectors.toSet());
    }

    static List<String> networks(JsonNode service) {
        JsonNode n = service.path("networks");
        if (n.isObject()) {
            return iterableNames(n);
        }
        return Yaml.texts(n);
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service.path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), f.getValue().asText()));
        } else {
            e.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        }
        return env;
    }

    private static List<String> iterableNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
