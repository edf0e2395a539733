package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every overlay of k8s/ renders to (kubectl kustomize), against pipeline.yaml and the build: a Kafka cluster
 * per buffer, stages wired to their buffers and placed near them, probes on the real endpoints, images of the
 * modules, the topics Job, scaling within the partitions.
 */
class KubernetesManifestsTest {
    private static final String BUFFER = "pipeline.lsst.ac.uk/buffer";
    private static final String ROLE = "pipeline.lsst.ac.uk/kafka-role";
    private static final String ZONE_LABEL = "metadata.labels['topology.kubernetes.io/zone']";

    private final PipelineFile pipeline = PipelineFile.repository();

    @Test
    void shouldRunOneSingleNodeKraftClusterPerBufferInDev() {
        Manifests dev = Manifests.render("dev");
        for (PipelineFile.Buffer buffer : pipeline.buffers().values()) {
            JsonNode sts = dev.get("StatefulSet", buffer.name() + "-kafka");
            assertThat(sts.path("spec").path("replicas").asInt()).isEqualTo(1);
            Map<String, String> env = dev.environment(Manifests.container(sts, "kafka"));
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env.keySet()).noneMatch(k -> k.contains("ZOOKEEPER"));
            assertBufferPlumbing(dev, buffer.name(), buffer.name() + "-kafka", "broker");
        }
    }

    @Test
    void shouldRunThreeControllersAndThreeBrokersPerManagedBufferInProd() {
        Manifests prod = Manifests.render("prod");
        for (PipelineFile.Buffer buffer : pipeline.buffers().values()) {
            if (!buffer.managed()) {
                assertThat(prod.all("StatefulSet")).as("%s is not ours to run in prod", buffer.name())
                        .noneMatch(s -> s.path("metadata").path("labels").path(BUFFER).asText().equals(buffer.name()));
                continue;
            }
            JsonNode controllers = prod.get("StatefulSet", buffer.name() + "-kafka-controller");
            JsonNode brokers = prod.get("StatefulSet", buffer.name() + "-kafka");
            assertThat(controllers.path("spec").path("replicas").asInt()).isEqualTo(3);
            assertThat(brokers.path("spec").path("replicas").asInt()).isEqualTo(3);
            Map<String, String> c = prod.environment(Manifests.container(controllers, "kafka"));
            Map<String, String> b = prod.environment(Manifests.container(brokers, "kafka"));
            assertThat(c.get("KAFKA_PROCESS_ROLES")).isEqualTo("controller");
            assertThat(b.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker");
            assertThat(b).containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3");
            assertThat(b.get("KAFKA_BROKER_RACK")).contains(ZONE_LABEL);
            assertThat(b.get("KAFKA_REPLICA_SELECTOR_CLASS")).endsWith("RackAwareReplicaSelector");
            assertThat(b.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(c.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            assertThat(c.get("KAFKA_CONTROLLER_QUORUM_VOTERS").split(",")).hasSize(3)
                    .allMatch(v -> v.contains(buffer.name() + "-kafka-controller-"));
            for (JsonNode sts : List.of(controllers, brokers)) {
                JsonNode anti = sts.path("spec").path("template").path("spec").path("affinity").path("podAntiAffinity")
                        .path("requiredDuringSchedulingIgnoredDuringExecution").get(0);
                assertThat(anti.path("topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
                assertThat(zoneSpread(sts)).isTrue();
            }
            assertBufferPlumbing(prod, buffer.name(), buffer.name() + "-kafka-controller", "controller");
            assertBufferPlumbing(prod, buffer.name(), buffer.name() + "-kafka", "broker");
        }
    }

    /** Headless Service of the StatefulSet, a PodDisruptionBudget, and a bootstrap Service selecting the brokers. */
    private static void assertBufferPlumbing(Manifests m, String buffer, String statefulSet, String role) {
        JsonNode sts = m.get("StatefulSet", statefulSet);
        JsonNode podLabels = sts.path("spec").path("template").path("metadata").path("labels");
        assertThat(podLabels.path(BUFFER).asText()).isEqualTo(buffer);
        assertThat(podLabels.path(ROLE).asText()).isEqualTo(role);
        JsonNode headless = m.get("Service", sts.path("spec").path("serviceName").asText());
        assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(Manifests.matches(headless.path("spec").path("selector"), podLabels)).isTrue();
        assertThat(m.all("PodDisruptionBudget")).as("a PodDisruptionBudget for %s", statefulSet)
                .anyMatch(p -> Manifests.matches(p.path("spec").path("selector").path("matchLabels"), podLabels));
        assertThat(sts.path("spec").path("volumeClaimTemplates")).isNotEmpty();
        JsonNode bootstrap = m.get("Service", buffer + "-kafka-bootstrap");
        JsonNode selector = bootstrap.path("spec").path("selector");
        assertThat(selector.path(BUFFER).asText()).isEqualTo(buffer);
        assertThat(selector.path(ROLE).asText()).isEqualTo("broker");
        assertThat(m.selectsPods(selector)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "keda"})
    void shouldWireEveryStageToItsBuffersAndProbeItsHealthEndpoints(String overlay) throws IOException {
        Manifests m = Manifests.render(overlay);
        String pipelineText = Files.readString(Repository.file("pipeline.yaml"));
        for (PipelineFile.Stage stage : javaStages()) {
            JsonNode deployment = m.get("Deployment", stage.name());
            JsonNode pod = deployment.path("spec").path("template");
            JsonNode container = Manifests.container(deployment, stage.name());
            String where = overlay + " " + stage.name();

            assertThat(container.path("image").asText()).as(where)
                    .isEqualTo(Repository.imageRegistry() + "/" + stage.name() + ":" + Repository.version());
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8080);
            assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
            assertProbe(container.path("livenessProbe"), "/health/live", where);
            assertProbe(container.path("readinessProbe"), "/health/ready", where);
            JsonNode annotations = pod.path("metadata").path("annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
            assertThat(pod.path("spec").path("terminationGracePeriodSeconds").asInt())
                    .as("%s: time to close the Streams client (up to 30 s) and commit", where).isGreaterThanOrEqualTo(45);
            assertThat(container.path("resources").path("requests").path("memory").asText()).isNotEmpty();
            assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();

            Map<String, String> env = m.environment(container);
            assertThat(env).containsEntry("PIPELINE_STAGE", stage.name())
                    .containsEntry("PIPELINE_FILE", "/etc/pipeline/pipeline.yaml");
            if (env.containsKey("HTTP_PORT")) {
                assertThat(env.get("HTTP_PORT")).isEqualTo("8080");
            }
            assertPipelineFileMounted(m, pod, container, pipelineText, where);

            Set<String> expected = stage.buffers().stream().map(b -> pipeline.buffer(b).bootstrapVariable())
                    .collect(Collectors.toSet());
            assertThat(ComposeFileTest.bootstrapVariables(env)).as(where).isEqualTo(expected);
            for (String buffer : stage.buffers()) {
                if (inCluster(m, buffer)) {
                    assertThat(env.get(pipeline.buffer(buffer).bootstrapVariable())).as(where)
                            .isEqualTo(buffer + "-kafka-bootstrap:9092");
                    m.get("Service", buffer + "-kafka-bootstrap");
                }
            }
            assertPlacement(m, stage, pod, env, where);
        }
    }

    private void assertPlacement(Manifests m, PipelineFile.Stage stage, JsonNode pod, Map<String, String> env,
                                 String where) {
        // the input buffer's brokers; for a stage reading a cluster the pipeline does not manage (the surveys'
        // servers, even where a stand-in runs in dev), the brokers of the buffer it writes
        String near = pipeline.buffer(stage.input()).managed() ? stage.input() : stage.output();
        JsonNode terms = pod.path("spec").path("affinity").path("podAffinity")
                .path("preferredDuringSchedulingIgnoredDuringExecution");
        assertThat(terms).as("%s prefers the brokers of %s", where, near).isNotEmpty();
        Set<String> topologyKeys = new HashSet<>();
        for (JsonNode term : terms) {
            JsonNode selector = term.path("podAffinityTerm").path("labelSelector").path("matchLabels");
            assertThat(selector.path(BUFFER).asText()).as(where).isEqualTo(near);
            assertThat(selector.path(ROLE).asText()).as(where).isEqualTo("broker");
            topologyKeys.add(term.path("podAffinityTerm").path("topologyKey").asText());
        }
        assertThat(topologyKeys).contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        assertThat(zoneSpread(m.get("Deployment", stage.name()))).as(where).isTrue();
        if (pipeline.buffer(stage.input()).managed()) {
            assertThat(env.get("INPUT_KAFKA_CLIENT_RACK")).as("%s: client.rack = its zone", where)
                    .contains(ZONE_LABEL);
        }
    }

    private static boolean zoneSpread(JsonNode workload) {
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("topologySpreadConstraints")) {
            if (c.path("topologyKey").asText().equals("topology.kubernetes.io/zone")) {
                return true;
            }
        }
        return false;
    }

    private static void assertProbe(JsonNode probe, String path, String where) {
        assertThat(probe.path("httpGet").path("path").asText()).as("%s probe", where).isEqualTo(path);
        String port = probe.path("httpGet").path("port").asText();
        assertThat(port).as("%s probe port", where).isIn("http", "8080");
    }

    private static void assertPipelineFileMounted(Manifests m, JsonNode pod, JsonNode container, String pipelineText,
                                                  String where) {
        String volume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/etc/pipeline")) {
                volume = mount.path("name").asText();
            }
        }
        assertThat(volume).as("%s mounts the pipeline file at /etc/pipeline", where).isNotNull();
        String configMap = null;
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (v.path("name").asText().equals(volume)) {
                configMap = v.path("configMap").path("name").asText();
            }
        }
        assertThat(m.get("ConfigMap", configMap).path("data").path("pipeline.yaml").asText())
                .as("%s: the ConfigMap holds the repository's pipeline.yaml", where).isEqualTo(pipelineText);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldApplyTheTopicsWithAJobRunningPipelineApply(String overlay) {
        Manifests m = Manifests.render(overlay);
        JsonNode job = m.get("Job", "pipeline-topics");
        JsonNode container = Manifests.container(job, "apply");
        assertThat(container.path("image").asText())
                .isEqualTo(Repository.imageRegistry() + "/pipeline-cli:" + Repository.version());
        assertThat(Yaml.texts(container.path("args"))).containsExactly("apply", "-f", "/etc/pipeline/pipeline.yaml");
        Map<String, String> env = m.environment(container);
        String replication = overlay.equals("prod") ? "3" : "1";
        for (PipelineFile.Buffer buffer : pipeline.buffers().values()) {
            if (buffer.managed()) {
                assertThat(env.get(buffer.bootstrapVariable())).isEqualTo(buffer.name() + "-kafka-bootstrap:9092");
                assertThat(env.get(buffer.name().toUpperCase() + "_REPLICATION")).isEqualTo(replication);
            }
        }
        assertPipelineFileMounted(m, job.path("spec").path("template"), container,
                m.configMap("pipeline-file").path("data").path("pipeline.yaml").asText(), overlay + " topics job");
    }

    @Test
    void shouldRunAsManyReplicasInDevAsThePipelineFileSays() {
        Manifests dev = Manifests.render("dev");
        for (PipelineFile.Stage stage : javaStages()) {
            assertThat(dev.get("Deployment", stage.name()).path("spec").path("replicas").asInt())
                    .as(stage.name()).isEqualTo(stage.replicas());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldNotRunMoreStreamThreadsThanInputPartitions(String overlay) {
        Manifests m = Manifests.render(overlay);
        for (PipelineFile.Stage stage : javaStages()) {
            if (!pipeline.buffer(stage.input()).managed()) {
                continue;
            }
            int replicas = m.get("Deployment", stage.name()).path("spec").path("replicas").asInt();
            assertThat(replicas * stage.threads()).as("%s %s: replicas x threads", overlay, stage.name())
                    .isLessThanOrEqualTo(pipeline.inputPartitions(stage));
        }
    }

    @Test
    void shouldScaleEveryScienceStageOnItsConsumerGroupLagWithKeda() {
        Manifests keda = Manifests.render("keda");
        for (PipelineFile.Stage stage : javaStages()) {
            if (!pipeline.buffer(stage.input()).managed()) {
                continue;
            }
            JsonNode scaled = keda.get("ScaledObject", stage.name());
            assertThat(scaled.path("metadata").path("namespace").asText())
                    .isEqualTo(keda.get("Deployment", stage.name()).path("metadata").path("namespace").asText());
            assertThat(scaled.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(stage.name());
            JsonNode trigger = scaled.path("spec").path("triggers").get(0);
            assertThat(trigger.path("type").asText()).isEqualTo("kafka");
            JsonNode meta = trigger.path("metadata");
            assertThat(meta.path("consumerGroup").asText()).as("the stage's application id").isEqualTo(stage.name());
            assertThat(meta.path("topic").asText()).isIn(stage.inputTopics());
            assertThat(meta.path("bootstrapServers").asText()).isEqualTo(stage.input() + "-kafka-bootstrap:9092");
            assertThat(scaled.path("spec").path("maxReplicaCount").asInt() * stage.threads())
                    .isLessThanOrEqualTo(pipeline.inputPartitions(stage));
        }
    }

    @Test
    void shouldKeepTheBasePipelineFileIdenticalToTheRepositorysOne() throws IOException {
        assertThat(Files.readString(Repository.file("k8s/base/pipeline.yaml")))
                .as("k8s/base/pipeline.yaml is a copy of pipeline.yaml: cp pipeline.yaml k8s/base/")
                .isEqualTo(Files.readString(Repository.file("pipeline.yaml")));
    }

    private boolean inCluster(Manifests m, String buffer) {
        return m.all("StatefulSet").stream()
                .anyMatch(s -> s.path("metadata").path("labels").path(BUFFER).asText().equals(buffer));
    }

    private List<PipelineFile.Stage> javaStages() {
        return pipeline.stages().values().stream().filter(s -> !s.external()).toList();
    }
}
