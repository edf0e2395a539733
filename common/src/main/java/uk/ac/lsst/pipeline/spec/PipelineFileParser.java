package uk.ac.lsst.pipeline.spec;

import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * Reads a pipeline file into a {@link PipelineSpec}, collecting every problem with its line before giving up, so that
 * one run of {@code pipeline plan} shows them all.
 */
final class PipelineFileParser {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Set<String> TOP = Set.of("version", "buffers", "stages");
    private static final Set<String> BUFFER = Set.of("bootstrap", "managed", "replication", "security", "properties",
            "topics");
    private static final Set<String> TOPIC = Set.of("partitions", "replication", "retention", "retention-bytes",
            "configs");
    private static final Set<String> SECURITY = Set.of("protocol", "sasl", "ssl");
    private static final Set<String> SASL = Set.of("mechanism", "username", "password");
    private static final Map<String, String> SSL_PLAIN = Map.of("truststore", "TRUSTSTORE_LOCATION",
            "truststore-type", "TRUSTSTORE_TYPE", "keystore", "KEYSTORE_LOCATION", "keystore-type", "KEYSTORE_TYPE");
    private static final Map<String, String> SSL_SECRET = Map.of("truststore-password", "TRUSTSTORE_PASSWORD",
            "keystore-password", "KEYSTORE_PASSWORD", "key-password", "KEY_PASSWORD");
    private static final Set<String> STAGE = Set.of("type", "group", "input", "output", "threads", "replicas",
            "settings");
    private static final Set<String> ENDPOINT = Set.of("buffer", "topics", "topic-pattern");
    private static final Set<String> SECRET = Set.of("env", "file");

    private final String source;
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    /** Line of the key of each value met so far: a problem with a whole entry is reported at its key. */
    private final Map<Node, Integer> keyLines = new java.util.IdentityHashMap<>();
    /** Topic names declared per buffer, valid or not, so that one bad topic does not make every use of it an error. */
    private final Map<String, Set<String>> declaredTopics = new HashMap<>();

    PipelineFileParser(String source, Map<String, String> env) {
        this.source = source;
        this.env = env;
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
        Map<String, Node> top = mapping(root, "the file", TOP);
        if (top == null) {
            throw fail(problems);
        }
        Node version = top.get("version");
        if (version != null && integer(version, "version", 1, 1) == null) {
            // reported
        }
        Map<String, BufferSpec> buffers = new LinkedHashMap<>();
        Node buffersNode = top.get("buffers");
        if (buffersNode == null) {
            problems.add("line " + line(root) + ": 'buffers:' is missing: expected the Kafka clusters of the pipeline");
        } else {
            Map<String, Node> entries = mapping(buffersNode, "buffers", null);
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
            problems.add("line " + line(root) + ": 'stages:' is missing: expected the stages of the pipeline");
        } else {
            Map<String, Node> entries = mapping(stagesNode, "stages", null);
            if (entries != null) {
                entries.forEach((name, node) -> {
                    StageSpec s = stage(name, node, buffers, buffersNode);
                    if (s != null) {
                        stages.put(name, s);
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw fail(problems);
        }
        return new PipelineSpec(source, buffers, stages);
    }

    private BufferSpec buffer(String name, Node node) {
        String where = "buffer " + name;
        Map<String, Node> m = mapping(node, where, BUFFER);
        if (m == null) {
            return null;
        }
        String bootstrap = null;
        if (m.get("bootstrap") == null) {
            problems.add("line " + line(node) + ": " + where + " has no 'bootstrap': expected host:port[,host:port...]");
        } else {
            bootstrap = scalar(m.get("bootstrap"), where + " bootstrap");
            if (bootstrap != null && !bootstrap.matches("[^\\s,:]+:\\d+(,[^\\s,:]+:\\d+)*")) {
                problems.add("line " + line(m.get("bootstrap")) + ": " + where + " bootstrap '" + bootstrap
                        + "' is invalid: expected host:port[,host:port...]");
            }
        }
        boolean managed = m.containsKey("managed") ? bool(m.get("managed"), where + " managed") : true;
        Integer replication = m.containsKey("replication")
                ? replication(m.get("replication"), where + " replication") : Integer.valueOf(-1);
        BufferSecurity security = m.containsKey("security")
                ? security(m.get("security"), where) : BufferSecurity.PLAINTEXT;
        Map<String, String> properties = new LinkedHashMap<>();
        if (m.containsKey("properties")) {
            Map<String, Node> props = mapping(m.get("properties"), where + " properties", null);
            if (props != null) {
                props.forEach((k, v) -> {
                    String value = scalar(v, where + " property " + k);
                    if (k.startsWith("sasl.") || k.startsWith("ssl.") || k.equals("security.protocol")
                            || k.equals("bootstrap.servers")) {
                        problems.add("line " + line(v) + ": " + where + " property " + k
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
            Map<String, Node> t = mapping(m.get("topics"), where + " topics", null);
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
        return new BufferSpec(name, bootstrap, managed, defaultReplication, security, properties, topics, line(node));
    }

    private TopicSpec topic(String buffer, String name, Node node, short defaultReplication) {
        String where = "topic " + name + " on buffer " + buffer;
        if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
            problems.add("line " + line(node) + ": " + where + ": the name is invalid: expected letters, digits, "
                    + "'.', '_' and '-' (at most 249)");
        }
        Map<String, Node> m = node instanceof ScalarNode s && s.getValue().isEmpty()
                ? Map.of() : mapping(node, where, TOPIC);
        if (m == null) {
            return null;
        }
        Integer partitions = m.containsKey("partitions")
                ? integer(m.get("partitions"), where + " partitions", 1, 100_000) : Integer.valueOf(1);
        Integer replication = m.containsKey("replication")
                ? replication(m.get("replication"), where + " replication") : Integer.valueOf(defaultReplication);
        Map<String, String> configs = new LinkedHashMap<>();
        if (m.containsKey("retention")) {
            Duration d = duration(m.get("retention"), where + " retention");
            if (d != null) {
                configs.put("retention.ms", String.valueOf(d.toMillis()));
            }
        }
        if (m.containsKey("retention-bytes")) {
            Integer bytes = integer(m.get("retention-bytes"), where + " retention-bytes", -1, Integer.MAX_VALUE);
            if (bytes != null) {
                configs.put("retention.bytes", String.valueOf(bytes));
            }
        }
        if (m.containsKey("configs")) {
            Map<String, Node> c = mapping(m.get("configs"), where + " configs", null);
            if (c != null) {
                c.forEach((k, v) -> {
                    String value = scalar(v, where + " config " + k);
                    if (configs.containsKey(k)) {
                        problems.add("line " + line(v) + ": " + where + " sets " + k + " twice: drop it from "
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

    private BufferSecurity security(Node node, String buffer) {
        String where = buffer + " security";
        Map<String, Node> m = mapping(node, where, SECURITY);
        if (m == null) {
            return null;
        }
        SecurityProtocol protocol = SecurityProtocol.PLAINTEXT;
        if (m.containsKey("protocol")) {
            String p = scalar(m.get("protocol"), where + " protocol");
            try {
                protocol = p == null ? null : SecurityProtocol.forName(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("line " + line(m.get("protocol")) + ": " + where + " protocol '" + p
                        + "' is invalid: expected PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
                return null;
            }
        }
        if (protocol == null) {
            return null;
        }
        boolean sasl = protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT;
        boolean ssl = protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL;
        String mechanism = null;
        String username = null;
        Secret password = null;
        if (sasl) {
            Node saslNode = m.get("sasl");
            if (saslNode == null) {
                problems.add("line " + line(node) + ": " + where + " uses " + protocol + " but has no 'sasl:': "
                        + "expected mechanism, username and password");
                return null;
            }
            Map<String, Node> s = mapping(saslNode, where + " sasl", SASL);
            if (s == null) {
                return null;
            }
            mechanism = s.containsKey("mechanism") ? scalar(s.get("mechanism"), where + " sasl mechanism")
                    : "SCRAM-SHA-512";
            if (mechanism != null) {
                mechanism = mechanism.toUpperCase(Locale.ROOT);
                if (!Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN").contains(mechanism)) {
                    problems.add("line " + line(s.get("mechanism")) + ": " + where + " sasl mechanism '" + mechanism
                            + "' is invalid: expected SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
                }
            }
            if (s.get("username") == null) {
                problems.add("line " + line(saslNode) + ": " + where + " sasl has no 'username'");
            } else {
                username = scalar(s.get("username"), where + " sasl username");
            }
            if (s.get("password") == null) {
                problems.add("line " + line(saslNode) + ": " + where + " sasl has no 'password': expected "
                        + "{env: VARIABLE} or {file: PATH}");
            } else {
                password = secret(s.get("password"), where + " sasl password");
            }
        } else if (m.containsKey("sasl")) {
            problems.add("line " + line(m.get("sasl")) + ": " + where + " has 'sasl:' but protocol " + protocol
                    + ": expected protocol SASL_SSL or SASL_PLAINTEXT");
        }
        Map<String, String> sslPlain = new HashMap<>();
        Map<String, Secret> sslSecrets = new HashMap<>();
        if (m.containsKey("ssl")) {
            if (!ssl) {
                problems.add("line " + line(m.get("ssl")) + ": " + where + " has 'ssl:' but protocol " + protocol
                        + ": expected protocol SSL or SASL_SSL");
            } else {
                Set<String> allowed = new java.util.HashSet<>(SSL_PLAIN.keySet());
                allowed.addAll(SSL_SECRET.keySet());
                Map<String, Node> s = mapping(m.get("ssl"), where + " ssl", allowed);
                if (s != null) {
                    s.forEach((k, v) -> {
                        if (SSL_PLAIN.containsKey(k)) {
                            String value = scalar(v, where + " ssl " + k);
                            if (value != null) {
                                sslPlain.put(SSL_PLAIN.get(k), value);
                            }
                        } else {
                            Secret secret = secret(v, where + " ssl " + k);
                            if (secret != null) {
                                sslSecrets.put(SSL_SECRET.get(k), secret);
                            }
                        }
                    });
                }
            }
        }
        return new BufferSecurity(protocol, mechanism, username, password, sslPlain, sslSecrets);
    }

    private Secret secret(Node node, String what) {
        if (node instanceof ScalarNode) {
            problems.add("line " + line(node) + ": " + what + " is written in the file: a secret must never be; "
                    + "expected {env: VARIABLE} or {file: PATH}");
            return null;
        }
        Map<String, Node> m = mapping(node, what, SECRET);
        if (m == null) {
            return null;
        }
        if (m.size() != 1) {
            problems.add("line " + line(node) + ": " + what + ": expected exactly one of {env: VARIABLE} or "
                    + "{file: PATH}");
            return null;
        }
        if (m.containsKey("env")) {
            String variable = scalar(m.get("env"), what + " env");
            if (variable != null && !variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                problems.add("line " + line(m.get("env")) + ": " + what + ": '" + variable
                        + "' is not a variable name");
                return null;
            }
            return variable == null ? null : new Secret.FromEnv(variable);
        }
        String path = scalar(m.get("file"), what + " file");
        return path == null ? null : new Secret.FromFile(path);
    }

    private StageSpec stage(String name, Node node, Map<String, BufferSpec> buffers, Node buffersNode) {
        String where = "stage " + name;
        Map<String, Node> m = mapping(node, where, STAGE);
        if (m == null) {
            return null;
        }
        StageType type;
        if (m.containsKey("type")) {
            String t = scalar(m.get("type"), where + " type");
            type = t == null ? null : StageType.of(t).orElse(null);
            if (t != null && type == null) {
                problems.add("line " + line(m.get("type")) + ": " + where + " type '" + t + "' is unknown: expected "
                        + "one of " + StageType.ids());
            }
        } else {
            type = StageType.of(name).orElse(null);
            if (type == null) {
                problems.add("line " + line(node) + ": " + where + " has no 'type': expected one of "
                        + StageType.ids() + " (a stage named after its type may leave it out)");
            }
        }
        String group = m.containsKey("group") ? scalar(m.get("group"), where + " group") : name;
        Integer threads = m.containsKey("threads") ? integer(m.get("threads"), where + " threads", 1, 64) : Integer.valueOf(1);
        Integer replicas = m.containsKey("replicas")
                ? integer(m.get("replicas"), where + " replicas", 0, 1000) : Integer.valueOf(1);
        StageSpec.Endpoint input = endpoint(m.get("input"), node, where, "input", type, buffers, buffersNode);
        StageSpec.Endpoint output = endpoint(m.get("output"), node, where, "output", type, buffers, buffersNode);
        Map<String, String> settings = new LinkedHashMap<>();
        if (m.containsKey("settings")) {
            Map<String, Node> s = mapping(m.get("settings"), where + " settings", null);
            if (s != null) {
                s.forEach((k, v) -> {
                    if (!k.matches("[A-Z][A-Z0-9_]*")) {
                        problems.add("line " + line(v) + ": " + where + " setting '" + k
                                + "' is not a variable name: expected upper case, digits and '_'");
                    } else if (k.contains("PASSWORD") && !k.endsWith("_FILE")) {
                        problems.add("line " + line(v) + ": " + where + " setting " + k + " looks like a secret: "
                                + "never write one in the file; use " + k + "_FILE naming a file");
                    } else {
                        String value = scalar(v, where + " setting " + k);
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
        return new StageSpec(name, type, group, input, output, threads, replicas, settings, line(node));
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
            problems.add("line " + line(at) + ": stage " + name + " runs " + Math.max(1, replicas) + " replica(s) x "
                    + threads + " thread(s) = " + wanted + " stream threads, but topic " + first.name() + " on buffer "
                    + buffer.name() + " has only " + first.partitions() + " partition(s): " + (wanted - first.partitions())
                    + " would be idle; expected replicas x threads <= " + first.partitions()
                    + " (or more partitions)");
        }
    }

    private StageSpec.Endpoint endpoint(Node node, Node stageNode, String stage, String side, StageType type,
                                        Map<String, BufferSpec> buffers, Node buffersNode) {
        String where = stage + " " + side;
        if (node == null) {
            problems.add("line " + line(stageNode) + ": " + stage + " has no '" + side + ":': expected a buffer and "
                    + "its topics");
            return null;
        }
        Map<String, Node> m = mapping(node, where, ENDPOINT);
        if (m == null) {
            return null;
        }
        String bufferName = null;
        if (m.get("buffer") == null) {
            problems.add("line " + line(node) + ": " + where + " names no 'buffer'");
        } else {
            bufferName = scalar(m.get("buffer"), where + " buffer");
            if (bufferName != null && !buffers.containsKey(bufferName)) {
                problems.add("line " + line(m.get("buffer")) + ": " + where + " names buffer '" + bufferName
                        + "', which is not defined: expected one of " + buffers.keySet());
                bufferName = null;
            }
        }
        Map<String, String> roles = new LinkedHashMap<>();
        List<String> list = new ArrayList<>();
        String pattern = null;
        boolean upstream = type == StageType.BUFFER_INGEST && side.equals("input");
        Node topicsNode = m.get("topics");
        if (topicsNode instanceof SequenceNode seq) {
            if (!upstream) {
                problems.add("line " + line(topicsNode) + ": " + where + " topics: expected a map of role: topic, "
                        + "e.g. {alerts: alerts}");
            } else {
                for (Node item : seq.getValue()) {
                    String t = scalar(item, where + " topic");
                    if (t != null) {
                        list.add(t);
                    }
                }
            }
        } else if (topicsNode != null) {
            Map<String, Node> t = mapping(topicsNode, where + " topics", null);
            if (t != null) {
                if (upstream) {
                    problems.add("line " + line(topicsNode) + ": " + where + " topics: buffer-ingest reads upstream "
                            + "topics as a list, e.g. [ztf_20260101_programid1], or 'topic-pattern:'");
                }
                t.forEach((role, v) -> {
                    String topic = scalar(v, where + " topic " + role);
                    if (topic != null) {
                        roles.put(role, topic);
                    }
                });
            }
        }
        if (m.containsKey("topic-pattern")) {
            if (!upstream) {
                problems.add("line " + line(m.get("topic-pattern")) + ": " + where + ": only buffer-ingest's input "
                        + "may use 'topic-pattern'");
            } else {
                pattern = scalar(m.get("topic-pattern"), where + " topic-pattern");
                try {
                    if (pattern != null) {
                        Pattern.compile(pattern);
                    }
                } catch (PatternSyntaxException e) {
                    problems.add("line " + line(m.get("topic-pattern")) + ": " + where + " topic-pattern is not a "
                            + "valid regular expression: " + e.getDescription());
                }
            }
        }
        if (upstream && list.isEmpty() && pattern == null) {
            problems.add("line " + line(node) + ": " + where + " names no upstream topics: expected 'topics: [...]' "
                    + "or 'topic-pattern:'");
        } else if (upstream && !list.isEmpty() && pattern != null) {
            problems.add("line " + line(node) + ": " + where + " has both 'topics' and 'topic-pattern': expected one");
        }
        if (type != null) {
            List<String> needed = side.equals("input") ? type.inputRoles() : type.outputRoles();
            for (String role : needed) {
                if (!roles.containsKey(role)) {
                    problems.add("line " + line(node) + ": " + where + " has no topic for role '" + role + "': a "
                            + type.id() + " stage needs " + needed);
                }
            }
        }
        if (bufferName != null) {
            BufferSpec buffer = buffers.get(bufferName);
            Set<String> declared = declaredTopics.getOrDefault(bufferName, Set.of());
            if (buffer.managed()) {
                for (Map.Entry<String, String> e : roles.entrySet()) {
                    if (!declared.contains(e.getValue())) {
                        problems.add("line " + line(topicsNode) + ": " + where + " topic '" + e.getValue()
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

    // ---- typed access to nodes, with problems recorded by line

    private Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mn)) {
            problems.add("line " + line(node) + ": " + what + ": expected a map of key: value");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems.add("line " + line(t.getKeyNode()) + ": " + what + ": a key must be a plain name");
                continue;
            }
            if (out.containsKey(k.getValue())) {
                problems.add("line " + line(k) + ": " + what + ": duplicate key " + k.getValue());
                continue;
            }
            if (allowed != null && !allowed.contains(k.getValue())) {
                problems.add("line " + line(k) + ": " + what + ": unknown key '" + k.getValue() + "': expected one of "
                        + new java.util.TreeSet<>(allowed));
                continue;
            }
            out.put(k.getValue(), t.getValueNode());
            keyLines.put(t.getValueNode(), line(k));
        }
        return out;
    }

    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            problems.add("line " + line(node) + ": " + what + ": expected a single value");
            return null;
        }
        return substitute(s.getValue(), node, what);
    }

    private String substitute(String value, Node node, String what) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (matcher.find()) {
            String v = env.get(matcher.group(1));
            if (v == null || v.isEmpty()) {
                v = matcher.group(2);
            }
            if (v == null) {
                problems.add("line " + line(node) + ": " + what + " uses ${" + matcher.group(1) + "}, which is not "
                        + "set: set the variable or give a default as ${" + matcher.group(1) + ":-value}");
                ok = false;
                v = "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        matcher.appendTail(out);
        String result = out.toString().trim();
        if (ok && result.isEmpty()) {
            problems.add("line " + line(node) + ": " + what + " is empty");
            return null;
        }
        return ok ? result : null;
    }

    private Integer integer(Node node, String what, int min, int max) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                problems.add("line " + line(node) + ": " + what + " is " + v + ": expected " + min + ".." + max);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add("line " + line(node) + ": " + what + " is '" + s + "': expected a whole number " + min + ".."
                    + max);
            return null;
        }
    }

    private Integer replication(Node node, String what) {
        Integer v = integer(node, what, -1, 32);
        if (v != null && v == 0) {
            problems.add("line " + line(node) + ": " + what + " is 0: expected -1 (the brokers' default) or 1..32");
            return null;
        }
        return v;
    }

    private boolean bool(Node node, String what) {
        String s = scalar(node, what);
        if ("true".equalsIgnoreCase(s)) {
            return true;
        }
        if (s != null && !"false".equalsIgnoreCase(s)) {
            problems.add("line " + line(node) + ": " + what + " is '" + s + "': expected true or false");
        }
        return false;
    }

    private Duration duration(Node node, String what) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        if (s.equals("-1") || s.equalsIgnoreCase("forever")) {
            return Duration.ofMillis(-1);
        }
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", s, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            problems.add("line " + line(node) + ": " + what + " is '" + s + "': expected an ISO-8601 duration such "
                    + "as P7D or PT12H, or 'forever'");
            return null;
        }
    }

    private int line(Node node) {
        Integer key = keyLines.get(node);
        if (key != null) {
            return key;
        }
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private PipelineFileException fail(List<String> found) {
        return new PipelineFileException(source, found);
    }
}
