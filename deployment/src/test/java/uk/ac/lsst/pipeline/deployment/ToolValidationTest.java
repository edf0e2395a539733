package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployment files validated by real tools, no engine needed: docker-compose.yml by Debian's
 * {@code docker-compose config}, every overlay of k8s/ rendered by {@code kubectl kustomize} and checked against
 * the Kubernetes API schemas (npm kubernetes-models, deploy/validate). Each check also shows that its tool
 * rejects a broken file, so that a pass means something.
 */
class ToolValidationTest {
    private static final List<String> PROFILES = List.of("simulator", "monitoring", "annotator");

    @Test
    void shouldValidateTheComposeFileWithEveryProfile() {
        Tools.Result r = compose(Repository.file("docker-compose.yml"), List.of("config", "-q"));
        assertThat(r.exitCode()).as("docker-compose config: %s", r.stderr()).isZero();
        Tools.Result services = compose(Repository.file("docker-compose.yml"), List.of("config", "--services"));
        assertThat(services.exitCode()).isZero();
        assertThat(services.stdout().lines().toList()).contains("ingest-kafka", "science-kafka", "upstream-kafka",
                "pipeline-init", "crossmatch-service", "prometheus", "grafana", "replay-ztf");
    }

    @Test
    void shouldRejectAComposeFileWithAMisspeltKey(@TempDir Path dir) throws IOException {
        String text = Files.readString(Repository.file("docker-compose.yml"))
                .replaceFirst("stop_grace_period: 60s", "stop_grace_periods: 60s");
        Path broken = dir.resolve("docker-compose.yml");
        Files.writeString(broken, text);
        Tools.Result r = compose(broken, List.of("config", "-q"));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("stop_grace_periods");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod", "keda"})
    void shouldRenderEveryOverlayToObjectsValidAgainstTheKubernetesSchemas(String overlay, @TempDir Path dir)
            throws IOException {
        Manifests m = Manifests.render(overlay);
        Path rendered = dir.resolve(overlay + ".yaml");
        Files.writeString(rendered, m.yaml());
        Tools.Result r = validate(rendered);
        assertThat(r.exitCode()).as("%s:\n%s%s", overlay, r.stdout(), r.stderr()).isZero();
        assertThat(r.stdout()).contains(", 0 invalid").doesNotContain("INVALID");
    }

    @Test
    void shouldRejectAnObjectThatBreaksTheSchema(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: two
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec: {containers: [{name: c, image: i}]}
                """);
        Tools.Result r = validate(broken);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout()).contains("INVALID").contains("replicas");
    }

    private static Tools.Result compose(Path file, List<String> args) {
        Path tool = Tools.require("docker-compose", "Debian: apt-get install --no-install-recommends docker-compose");
        List<String> command = new ArrayList<>(List.of(tool.toString(), "-f", file.toString(),
                "--project-directory", Repository.root().toString()));
        PROFILES.forEach(p -> command.addAll(List.of("--profile", p)));
        command.addAll(args);
        return Tools.run(Repository.root(), Map.of(), 120, command);
    }

    private static Tools.Result validate(Path manifests) {
        Path node = Tools.require("node", "Debian: apt-get install nodejs");
        Path validator = Repository.file("deploy/validate");
        if (!Files.isDirectory(validator.resolve("node_modules/kubernetes-models"))) {
            Tools.missing("the npm packages of deploy/validate are not installed (cd deploy/validate && npm ci)");
        }
        return Tools.run(validator, Map.of(), 120,
                List.of(node.toString(), "validate-k8s.mjs", manifests.toString()));
    }
}
