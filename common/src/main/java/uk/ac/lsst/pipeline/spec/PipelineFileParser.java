package uk.ac.lsst.pipeline.spec;

import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * Reads a pipeline file into a {@link PipelineSpec}: the file's shape and the rules of its buffers and topics here,
 * its stages in {@link StageReader}, security blocks in {@link SecurityReader}, typed values in {@link YamlNodes}.
 * Every problem is collected with its line before giving up, so that one run of {@code pipeline plan} shows them
 * all. Not thread-safe: one per file.
 */
final class PipelineFileParser {
    private static final Set<String> TOP = Set.of("version", "buffers", "stages");
    private static final Set<String> BUFFER = Set.of("bootstrap", "managed", "replication", "security", "properties",
            "topics");
    private static final Set<String> TOPIC = Set.of("partitions", "replication", "retention", "retention-bytes",
            "configs");

    private final String source;
    private final YamlNodes nodes;
    private final SecurityReader securityReader;
    private final StageReader stageReader;
    /** Topic names declared per buffer, valid or not, so that one bad topic does not make every use of it an error. */
    private final Map<String, Set<String>> declaredTopics = new HashMap<>();

    PipelineFileParser(String source, Map<String, String> env, StageKinds kinds) {
        this.source = source;
        this.nodes = new YamlNodes(env);
        this.securityReader = new SecurityReader(nodes);
        this.stageReader = new StageReader(nodes, kinds, declaredTopics);
    }

    PipelineSpec parse(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw fail(List.of("line " + line + ": not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            throw fail(List.of("not valid YAML: " + e.getMessage()));
        }
        if (root == null) {
            throw fail(List.of("the file is empty: expected 'buffers:' and 'stages:'"));
        }
        Map<String, Node> top = nodes.mapping(root, "the file", TOP);
        if (top == null) {
            throw fail(nodes.problems());
        }
        Node version = top.get("version");
        if (version != null && nodes.integer(version, "version", 1, 1) == null) {
            // reported
        }
        Map<String, BufferSpec> buffers = new LinkedHashMap<>();
        Node buffersNode = top.get("buffers");
        if (buffersNode == null) {
            nodes.problem(root, "'buffers:' is missing: expected the Kafka clusters of the pipeline");
        } else {
            Map<String, Node> entries = nodes.mapping(buffersNode, "buffers", null);
            if (entries != null) {
                entries.forEach((name, node) -> {
                    BufferSpec b = buffer(name, node);
                    if (b != null) {
                        buffers.put(name, b);
                    }
                });
            }
        }
        Map<String, StageSpec> stages = new LinkedHashMap<>();
        Node stagesNode = top.get("stages");
        if (stagesNode == null) {
            nodes.problem(root, "'stages:' is missing: expected the stages of the pipeline");
        } else {
            Map<String, Node> entries = nodes.mapping(stagesNode, "stages", null);
            if (entries != null) {
                entries.forEach((name, node) -> {
                    StageSpec s = stageReader.read(name, node, buffers, buffersNode);
                    if (s != null) {
                        stages.put(name, s);
                    }
                });
            }
        }
        if (!nodes.problems().isEmpty()) {
            throw fail(nodes.problems());
        }
        return new PipelineSpec(source, buffers, stages);
    }

    private BufferSpec buffer(String name, Node node) {
        String where = "buffer " + name;
        Map<String, Node> m = nodes.mapping(node, where, BUFFER);
        if (m == null) {
            return null;
        }
        String bootstrap = null;
        if (m.get("bootstrap") == null) {
            nodes.problem(node, where + " has no 'bootstrap': expected host:port[,host:port...]");
        } else {
            bootstrap = nodes.scalar(m.get("bootstrap"), where + " bootstrap");
            if (bootstrap != null && !bootstrap.matches("[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*")) {
                nodes.problem(m.get("bootstrap"), where + " bootstrap '" + bootstrap
                        + "' is invalid: expected host:port[,host:port...]");
            }
        }
        boolean managed = m.containsKey("managed") ? nodes.bool(m.get("managed"), where + " managed") : true;
        Integer replication = m.containsKey("replication")
                ? nodes.replication(m.get("replication"), where + " replication") : Integer.valueOf(-1);
        BufferSecurity security = m.containsKey("security")
                ? securityReader.read(m.get("security"), where) : BufferSecurity.PLAINTEXT;
        Map<String, String> properties = new LinkedHashMap<>();
        if (m.containsKey("properties")) {
            Map<String, Node> props = nodes.mapping(m.get("properties"), where + " properties", null);
            if (props != null) {
                props.forEach((k, v) -> {
                    String value = nodes.scalar(v, where + " property " + k);
                    if (k.startsWith("sasl.") || k.startsWith("ssl.") || k.equals("security.protocol")
                            || k.equals("bootstrap.servers")) {
                        nodes.problem(v, where + " property " + k
                                + " belongs under 'security:' or 'bootstrap:', not 'properties:'");
                    } else if (value != null) {
                        properties.put(k, value);
                    }
                });
            }
        }
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        short defaultReplication = replication == null ? -1 : replication.shortValue();
        if (m.containsKey("topics")) {
            Map<String, Node> t = nodes.mapping(m.get("topics"), where + " topics", null);
            if (t != null) {
                declaredTopics.put(name, t.keySet());
                t.forEach((topic, tn) -> {
                    TopicSpec spec = topic(name, topic, tn, defaultReplication);
                    if (spec != null) {
                        topics.put(topic, spec);
                    }
                });
            }
        }
        if (bootstrap == null || replication == null || security == null) {
            return null;
        }
        return new BufferSpec(name, bootstrap, managed, defaultReplication, security, properties, topics, nodes.line(node));
    }

    private TopicSpec topic(String buffer, String name, Node node, short defaultReplication) {
        String where = "topic " + name + " on buffer " + buffer;
        if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
            nodes.problem(node, where + ": the name is invalid: expected letters, digits, "
                    + "'.', '_' and '-' (at most 249)");
        }
        Map<String, Node> m = node instanceof ScalarNode s && s.getValue().isEmpty()
                ? Map.of() : nodes.mapping(node, where, TOPIC);
        if (m == null) {
            return null;
        }
        Integer partitions = m.containsKey("partitions")
                ? nodes.integer(m.get("partitions"), where + " partitions", 1, 100_000) : Integer.valueOf(1);
        Integer replication = m.containsKey("replication")
                ? nodes.replication(m.get("replication"), where + " replication") : Integer.valueOf(defaultReplication);
        Map<String, String> configs = new LinkedHashMap<>();
        if (m.containsKey("retention")) {
            Duration d = nodes.duration(m.get("retention"), where + " retention");
            if (d != null) {
                configs.put("retention.ms", String.valueOf(d.toMillis()));
            }
        }
        if (m.containsKey("retention-bytes")) {
            Integer bytes = nodes.integer(m.get("retention-bytes"), where + " retention-bytes", -1, Integer.MAX_VALUE);
            if (bytes != null) {
                configs.put("retention.bytes", String.valueOf(bytes));
            }
        }
        if (m.containsKey("configs")) {
            Map<String, Node> c = nodes.mapping(m.get("configs"), where + " configs", null);
            if (c != null) {
                c.forEach((k, v) -> {
                    String value = nodes.scalar(v, where + " config " + k);
                    if (configs.containsKey(k)) {
                        nodes.problem(v, where + " sets " + k + " twice: drop it from "
                                + "'configs:' or drop 'retention'/'retention-bytes'");
                    } else if (value != null) {
                        configs.put(k, value);
                    }
                });
            }
        }
        if (partitions == null || replication == null) {
            return null;
        }
        return new TopicSpec(name, partitions, replication.shortValue(), configs);
    }

    private PipelineFileException fail(List<String> found) {
        return new PipelineFileException(source, found);
    }
}
