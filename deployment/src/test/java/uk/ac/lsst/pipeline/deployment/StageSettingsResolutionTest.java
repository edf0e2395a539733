package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/**
 * What each deployed process actually makes of its environment: the pipeline file read by the project's own
 * parser with the variables that docker-compose.yml or an overlay of k8s/ give it, as a stage does at start-up.
 */
class StageSettingsResolutionTest {
    private static final String MOUNTED_FILE = "/etc/pipeline/pipeline.yaml";

    private final Path pipelineFile = Repository.file("pipeline.yaml");
    private final StageRegistry registry = StageRegistry.load();
    private final PipelineSpec spec = PipelineSpec.load(pipelineFile, Map.of(), registry.kinds());
    private final JsonNode services = Yaml.read(Repository.file("docker-compose.yml")).path("services");

    @Test
    void shouldGiveEveryComposeStageTheBuffersOfItsServices() throws IOException {
        for (StageSpec stage : javaStages()) {
            Map<String, String> env = new HashMap<>();
            ComposeFileTest.environment(services.path(stage.name()))
                    .forEach((k, v) -> env.put(k, Yaml.withDefaults(v)));
            Map<String, String> resolved = resolve(env, stage);
            assertThat(resolved.get("INPUT_BOOTSTRAP_SERVERS")).as(stage.name())
                    .isEqualTo(stage.input().buffer() + "-kafka:9092");
            assertThat(resolved.get("OUTPUT_BOOTSTRAP_SERVERS")).as(stage.name())
                    .isEqualTo(stage.output().buffer() + "-kafka:9092");
            assertThat(resolved.get("APPLICATION_ID")).isEqualTo(stage.group());
            assertFilesAreInTheImage(stage, resolved);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldGiveEveryKubernetesStageTheBootstrapServicesOfItsBuffers(String overlay) throws IOException {
        Manifests m = Manifests.render(overlay);
        for (StageSpec stage : javaStages()) {
            Map<String, String> env = new HashMap<>();
            m.environment(Manifests.container(m.get("Deployment", stage.name()), stage.name())).forEach((k, v) -> {
                if (!v.startsWith("valueFrom:")) {
                    env.put(k, v);
                }
            });
            Map<String, String> resolved = resolve(env, stage);
            for (String role : new String[] {"INPUT", "OUTPUT"}) {
                String buffer = role.equals("INPUT") ? stage.input().buffer() : stage.output().buffer();
                String servers = resolved.get(role + "_BOOTSTRAP_SERVERS");
                if (m.find("Service", buffer + "-kafka-bootstrap").isPresent()) {
                    assertThat(servers).as("%s %s", overlay, stage.name()).isEqualTo(buffer + "-kafka-bootstrap:9092");
                } else {
                    assertThat(servers).as("%s %s reads a cluster outside", overlay, stage.name())
                            .isEqualTo(env.get(PipelineFile.repository().buffer(buffer).bootstrapVariable()));
                }
            }
            assertFilesAreInTheImage(stage, resolved);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldApplyTopicsToTheBuffersAtTheReplicationOfTheOverlay(String overlay) {
        Manifests m = Manifests.render(overlay);
        Map<String, String> env = m.environment(Manifests.container(m.get("Job", "pipeline-topics"), "apply"));
        PipelineSpec applied = PipelineSpec.load(pipelineFile, env, registry.kinds());
        applied.buffers().values().stream().filter(b -> b.managed()).forEach(b -> {
            assertThat(b.bootstrap()).isEqualTo(b.name() + "-kafka-bootstrap:9092");
            assertThat(b.replication()).isEqualTo((short) (overlay.equals("prod") ? 3 : 1));
        });
        Map<String, String> composeEnv = new HashMap<>();
        ComposeFileTest.environment(services.path("pipeline-init")).forEach((k, v) -> composeEnv.put(k, Yaml.withDefaults(v)));
        PipelineSpec composed = PipelineSpec.load(pipelineFile, composeEnv, registry.kinds());
        composed.buffers().values().stream().filter(b -> b.managed())
                .forEach(b -> assertThat(b.bootstrap()).isEqualTo(b.name() + "-kafka:9092"));
    }

    /** The stage's environment as its main resolves it, with the repository's file where the deployment mounts it. */
    private Map<String, String> resolve(Map<String, String> env, StageSpec stage) {
        assertThat(env.get(PipelineSpec.FILE_VARIABLE)).as(stage.name()).isEqualTo(MOUNTED_FILE);
        Map<String, String> local = new HashMap<>(env);
        local.put(PipelineSpec.FILE_VARIABLE, pipelineFile.toString());
        Map<String, String> resolved = new HashMap<>(PipelineEnvironment.resolve(local, registry.get(stage.type()).kind()));
        resolved.put(PipelineSpec.FILE_VARIABLE, MOUNTED_FILE);
        return resolved;
    }

    /** Files the stage will open under /app/samples are in the repository and bundled into its image by Jib. */
    private static void assertFilesAreInTheImage(StageSpec stage, Map<String, String> resolved) throws IOException {
        String pom = Files.readString(Repository.file(stage.name() + "/pom.xml"));
        for (Map.Entry<String, String> e : resolved.entrySet()) {
            String value = e.getValue();
            if (value.startsWith("/app/samples/")) {
                assertThat(Repository.file(value.substring("/app/".length()))).as("%s %s", stage.name(), e.getKey())
                        .exists();
                java.util.regex.Matcher into = java.util.regex.Pattern.compile("<into>(/app/samples[^<]*)</into>")
                        .matcher(pom);
                boolean covered = false;
                while (into.find()) {
                    covered |= value.startsWith(into.group(1) + "/");
                }
                assertThat(covered).as("%s: %s is inside a directory its image bundles", stage.name(), value).isTrue();
            } else if (e.getKey().endsWith("_FILE") && value.startsWith("samples/")) {
                throw new AssertionError(stage.name() + ": " + e.getKey() + "=" + value
                        + " is relative to the working directory; set SAMPLES_DIR");
            }
        }
    }

    private java.util.List<StageSpec> javaStages() {
        return spec.stages().values().stream().filter(s -> !s.type().equals(StageKind.EXTERNAL.id())).toList();
    }
}
