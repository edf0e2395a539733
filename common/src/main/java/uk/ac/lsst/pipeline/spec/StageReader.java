package uk.ac.lsst.pipeline.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * Reads one entry of {@code stages:}: its type, group, parallelism, settings, and the buffer and topics it reads and
 * writes, checked against the buffers already read and against what its type needs. Problems go to the
 * {@link YamlNodes}.
 */
final class StageReader {
    private static final Set<String> STAGE = Set.of("type", "group", "input", "output", "threads", "replicas",
            "settings");
    private static final Set<String> ENDPOINT = Set.of("buffer", "topics", "topic-pattern");

    private final YamlNodes nodes;
    private final StageKinds kinds;
    /** Topic names declared per buffer, valid or not, so that one bad topic does not make every use of it an error. */
    private final Map<String, Set<String>> declaredTopics;

    StageReader(YamlNodes nodes, StageKinds kinds, Map<String, Set<String>> declaredTopics) {
        this.nodes = nodes;
        this.kinds = kinds;
        this.declaredTopics = declaredTopics;
    }

    StageSpec read(String name, Node node, Map<String, BufferSpec> buffers, Node buffersNode) {
        String where = "stage " + name;
        Map<String, Node> m = nodes.mapping(node, where, STAGE);
        if (m == null) {
            return null;
        }
        String type = m.containsKey("type") ? nodes.scalar(m.get("type"), where + " type") : name;
        StageKind kind = type == null ? null : kinds.find(type).orElse(null);
        if (type != null && kind == null && kinds.complete()) {
            nodes.problem(m.containsKey("type") ? m.get("type") : node, m.containsKey("type")
                    ? where + " type '" + type + "' is unknown: expected one of " + kinds.ids()
                    : where + " has no 'type': expected one of " + kinds.ids()
                            + " (a stage named after its type may leave it out)");
            type = null;
        }
        String group = m.containsKey("group") ? nodes.scalar(m.get("group"), where + " group") : name;
        Integer threads = m.containsKey("threads") ? nodes.integer(m.get("threads"), where + " threads", 1, 64) : Integer.valueOf(1);
        Integer replicas = m.containsKey("replicas")
                ? nodes.integer(m.get("replicas"), where + " replicas", 0, 1000) : Integer.valueOf(1);
        StageSpec.Endpoint input = endpoint(m.get("input"), node, where, "input", kind, buffers, buffersNode);
        StageSpec.Endpoint output = endpoint(m.get("output"), node, where, "output", kind, buffers, buffersNode);
        Map<String, String> settings = new LinkedHashMap<>();
        if (m.containsKey("settings")) {
            Map<String, Node> s = nodes.mapping(m.get("settings"), where + " settings", null);
            if (s != null) {
                s.forEach((k, v) -> {
                    if (!k.matches("[A-Z][A-Z0-9_]*")) {
                        nodes.problem(v, where + " setting '" + k
                                + "' is not a variable name: expected upper case, digits and '_'");
                    } else if (k.contains("PASSWORD") && !k.endsWith("_FILE")) {
                        nodes.problem(v, where + " setting " + k + " looks like a secret: "
                                + "never write one in the file; use " + k + "_FILE naming a file");
                    } else {
                        String value = nodes.scalar(v, where + " setting " + k);
                        if (value != null) {
                            settings.put(k, value);
                        }
                    }
                });
            }
        }
        if (type == null || group == null || threads == null || replicas == null || input == null || output == null) {
            return null;
        }
        checkParallelism(name, m, node, input, threads, replicas, buffers);
        return new StageSpec(name, type, group, input, output, threads, replicas, settings, nodes.line(node));
    }

    /** Instances x threads above the partitions of the first input topic leaves threads idle: refuse it. */
    private void checkParallelism(String name, Map<String, Node> m, Node node, StageSpec.Endpoint input, int threads,
                                  int replicas, Map<String, BufferSpec> buffers) {
        BufferSpec buffer = buffers.get(input.buffer());
        if (buffer == null || input.topics().isEmpty()) {
            return;
        }
        TopicSpec first = buffer.topics().get(input.topics().values().iterator().next());
        if (first == null) {
            return;
        }
        int wanted = threads * Math.max(1, replicas);
        if (wanted > first.partitions()) {
            Node at = m.containsKey("threads") ? m.get("threads") : node;
            nodes.problem(at, "stage " + name + " runs " + Math.max(1, replicas) + " replica(s) x "
                    + threads + " thread(s) = " + wanted + " stream threads, but topic " + first.name() + " on buffer "
                    + buffer.name() + " has only " + first.partitions() + " partition(s): " + (wanted - first.partitions())
                    + " would be idle; expected replicas x threads <= " + first.partitions()
                    + " (or more partitions)");
        }
    }

    private StageSpec.Endpoint endpoint(Node node, Node stageNode, String stage, String side, StageKind kind,
                                        Map<String, BufferSpec> buffers, Node buffersNode) {
        String where = stage + " " + side;
        if (node == null) {
            nodes.problem(stageNode, stage + " has no '" + side + ":': expected a buffer and "
                    + "its topics");
            return null;
        }
        Map<String, Node> m = nodes.mapping(node, where, ENDPOINT);
        if (m == null) {
            return null;
        }
        String bufferName = null;
        if (m.get("buffer") == null) {
            nodes.problem(node, where + " names no 'buffer'");
        } else {
            bufferName = nodes.scalar(m.get("buffer"), where + " buffer");
            if (bufferName != null && !buffers.containsKey(bufferName)) {
                nodes.problem(m.get("buffer"), where + " names buffer '" + bufferName
                        + "', which is not defined: expected one of " + buffers.keySet());
                bufferName = null;
            }
        }
        Map<String, String> roles = new LinkedHashMap<>();
        List<String> list = new ArrayList<>();
        String pattern = null;
        // a type this process does not know is taken on trust: upstream topics or roles
        boolean upstream = side.equals("input") && (kind == null ? m.containsKey("topic-pattern")
                || m.get("topics") instanceof SequenceNode : kind.readsUpstream());
        Node topicsNode = m.get("topics");
        if (topicsNode instanceof SequenceNode seq) {
            if (!upstream) {
                nodes.problem(topicsNode, where + " topics: expected a map of role: topic, "
                        + "e.g. {alerts: alerts}");
            } else {
                for (Node item : seq.getValue()) {
                    String t = nodes.scalar(item, where + " topic");
                    if (t != null) {
                        list.add(t);
                    }
                }
            }
        } else if (topicsNode != null) {
            Map<String, Node> t = nodes.mapping(topicsNode, where + " topics", null);
            if (t != null) {
                if (upstream) {
                    nodes.problem(topicsNode, where + " topics: buffer-ingest reads upstream "
                            + "topics as a list, e.g. [ztf_20260101_programid1], or 'topic-pattern:'");
                }
                t.forEach((role, v) -> {
                    String topic = nodes.scalar(v, where + " topic " + role);
                    if (topic != null) {
                        roles.put(role, topic);
                    }
                });
            }
        }
        if (m.containsKey("topic-pattern")) {
            if (!upstream) {
                nodes.problem(m.get("topic-pattern"), where + ": only buffer-ingest's input "
                        + "may use 'topic-pattern'");
            } else {
                pattern = nodes.scalar(m.get("topic-pattern"), where + " topic-pattern");
                try {
                    if (pattern != null) {
                        Pattern.compile(pattern);
                    }
                } catch (PatternSyntaxException e) {
                    nodes.problem(m.get("topic-pattern"), where + " topic-pattern is not a "
                            + "valid regular expression: " + e.getDescription());
                }
            }
        }
        if (upstream && list.isEmpty() && pattern == null) {
            nodes.problem(node, where + " names no upstream topics: expected 'topics: [...]' "
                    + "or 'topic-pattern:'");
        } else if (upstream && !list.isEmpty() && pattern != null) {
            nodes.problem(node, where + " has both 'topics' and 'topic-pattern': expected one");
        }
        if (kind != null) {
            List<String> needed = side.equals("input") ? kind.inputRoles() : kind.outputRoles();
            for (String role : needed) {
                if (!roles.containsKey(role)) {
                    nodes.problem(node, where + " has no topic for role '" + role + "': a "
                            + kind.id() + " stage needs " + needed);
                }
            }
        }
        if (bufferName != null) {
            BufferSpec buffer = buffers.get(bufferName);
            Set<String> declared = declaredTopics.getOrDefault(bufferName, Set.of());
            if (buffer.managed()) {
                for (Map.Entry<String, String> e : roles.entrySet()) {
                    if (!declared.contains(e.getValue())) {
                        nodes.problem(topicsNode, where + " topic '" + e.getValue()
                                + "' is not on buffer " + bufferName + ": expected one of " + declared);
                    }
                }
            }
        }
        if (bufferName == null) {
            return null;
        }
        return new StageSpec.Endpoint(bufferName, roles, list, pattern);
    }
}
