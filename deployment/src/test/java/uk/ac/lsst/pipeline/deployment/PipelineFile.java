package uk.ac.lsst.pipeline.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The parts of pipeline.yaml that the deployment files must agree with: buffers (the variable naming each one's
 * bootstrap servers, whether the pipeline manages it, its topics' partitions) and stages (their buffers and
 * input topics, threads, replicas, type).
 */
record PipelineFile(Map<String, Buffer> buffers, Map<String, Stage> stages) {

    record Buffer(String name, String bootstrapVariable, boolean managed, Map<String, Integer> partitions) {
    }

    record Stage(String name, String type, String input, String output, Set<String> inputTopics, int threads,
                 int replicas) {
        boolean external() {
            return "external".equals(type);
        }

        /** The buffers this stage reads or writes. */
        Set<String> buffers() {
            Set<String> b = new LinkedHashSet<>();
            b.add(input);
            b.add(output);
            return b;
        }
    }

    static PipelineFile read(Path file) {
        JsonNode root = Yaml.read(file);
        Map<String, Buffer> buffers = new LinkedHashMap<>();
        root.path("buffers").fields().forEachRemaining(e -> {
            JsonNode b = e.getValue();
            String variable = Yaml.variableName(b.path("bootstrap").asText());
            if (variable == null) {
                throw new IllegalStateException("buffer " + e.getKey() + ": bootstrap is not ${VARIABLE:-default}");
            }
            Map<String, Integer> partitions = new LinkedHashMap<>();
            b.path("topics").fields().forEachRemaining(t -> partitions.put(t.getKey(),
                    Integer.parseInt(Yaml.withDefaults(t.getValue().path("partitions").asText("1")))));
            buffers.put(e.getKey(), new Buffer(e.getKey(), variable, b.path("managed").asBoolean(true), partitions));
        });
        Map<String, Stage> stages = new LinkedHashMap<>();
        root.path("stages").fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            Set<String> inputTopics = new LinkedHashSet<>();
            s.path("input").path("topics").forEach(t -> inputTopics.add(t.asText()));
            stages.put(e.getKey(), new Stage(e.getKey(), s.path("type").asText("java"),
                    s.path("input").path("buffer").asText(), s.path("output").path("buffer").asText(), inputTopics,
                    s.path("threads").asInt(1), s.path("replicas").asInt(1)));
        });
        return new PipelineFile(buffers, stages);
    }

    static PipelineFile repository() {
        return read(Repository.file("pipeline.yaml"));
    }

    Buffer buffer(String name) {
        Buffer b = buffers.get(name);
        if (b == null) {
            throw new IllegalStateException("pipeline.yaml has no buffer " + name);
        }
        return b;
    }

    /** The fewest partitions among the stage's input topics: the most stream threads it can keep busy. */
    int inputPartitions(Stage stage) {
        Buffer in = buffer(stage.input());
        return stage.inputTopics().stream().filter(in.partitions()::containsKey)
                .mapToInt(in.partitions()::get).max().orElseThrow();
    }
}
