package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The objects an overlay of k8s/ renders to, by {@code kubectl kustomize} (rendered once per overlay). */
final class Manifests {
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private final String overlay;
    private final String yaml;
    private final List<JsonNode> objects;

    private Manifests(String overlay, String yaml) {
        this.overlay = overlay;
        this.yaml = yaml;
        this.objects = Yaml.readAll(yaml);
    }

    /** Renders k8s/overlays/{@code overlay} with kubectl (fails under CI, skips elsewhere, without kubectl). */
    static Manifests render(String overlay) {
        String kubectl = Tools.require("kubectl", "Debian: apt-get install kubectl or kubernetes-client").toString();
        return RENDERED.computeIfAbsent(overlay, o -> {
            Tools.Result r = Tools.run(Repository.root(), Map.of(), 120,
                    List.of(kubectl, "kustomize", "k8s/overlays/" + o));
            assertThat(r.exitCode()).as("kubectl kustomize k8s/overlays/%s: %s", o, r.stderr()).isZero();
            return new Manifests(o, r.stdout());
        });
    }

    String overlay() {
        return overlay;
    }

    String yaml() {
        return yaml;
    }

    List<JsonNode> all(String kind) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals(kind)) {
                out.add(o);
            }
        }
        return out;
    }

    Optional<JsonNode> find(String kind, String name) {
        return all(kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
    }

    /** The ConfigMap whose generated name starts with {@code name-} (kustomize appends a content hash). */
    JsonNode configMap(String name) {
        return all("ConfigMap").stream()
                .filter(o -> o.path("metadata").path("name").asText().matches(name + "(-[a-z0-9]+)?"))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + " renders no ConfigMap " + name));
    }

    /** Pods' labels of the objects with a pod template: true if {@code selector} selects any of them. */
    boolean selectsPods(JsonNode selector) {
        for (JsonNode o : objects) {
            JsonNode labels = o.path("spec").path("template").path("metadata").path("labels");
            if (!labels.isMissingNode() && matches(selector, labels)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(JsonNode selector, JsonNode labels) {
        boolean[] all = {true};
        selector.fields().forEachRemaining(e -> all[0] &= e.getValue().asText().equals(labels.path(e.getKey()).asText()));
        return all[0];
    }

    /** A container's environment: plain values, and those of the ConfigMaps it takes whole (envFrom). */
    Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("envFrom").forEach(from -> {
            String cm = from.path("configMapRef").path("name").asText(null);
            if (cm != null) {
                get("ConfigMap", cm).path("data").fields()
                        .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            }
        });
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : "valueFrom:" + e.path("valueFrom")));
        return env;
    }

    static JsonNode container(JsonNode workload, String name) {
        for (JsonNode c : workload.path("spec").path("template").path("spec").path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError(workload.path("metadata").path("name").asText() + " has no container " + name);
    }
}
