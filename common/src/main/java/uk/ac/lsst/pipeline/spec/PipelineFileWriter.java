package uk.ac.lsst.pipeline.spec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * Writes a {@link PipelineSpec} back as a pipeline file that reads into the same spec: every value resolved (no
 * {@code ${...}} left), secrets still as {@code {env: ...}} or {@code {file: ...}} references, topic settings as
 * {@code configs:}. Stateless.
 */
public final class PipelineFileWriter {
    private static final Map<String, String> SSL_PLAIN = Map.of("TRUSTSTORE_LOCATION", "truststore",
            "TRUSTSTORE_TYPE", "truststore-type", "KEYSTORE_LOCATION", "keystore", "KEYSTORE_TYPE", "keystore-type");
    private static final Map<String, String> SSL_SECRET = Map.of("TRUSTSTORE_PASSWORD", "truststore-password",
            "KEYSTORE_PASSWORD", "keystore-password", "KEY_PASSWORD", "key-password");

    private PipelineFileWriter() {
    }

    /** The text of the file, preceded by {@code comment} as YAML comment lines. */
    public static String write(PipelineSpec spec, String comment) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 1);
        Map<String, Object> buffers = new LinkedHashMap<>();
        spec.buffers().values().forEach(b -> buffers.put(b.name(), buffer(b)));
        root.put("buffers", buffers);
        Map<String, Object> stages = new LinkedHashMap<>();
        spec.stages().values().forEach(s -> stages.put(s.name(), stage(s)));
        root.put("stages", stages);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        StringBuilder text = new StringBuilder();
        comment.lines().forEach(l -> text.append("# ").append(l).append('\n'));
        return text.append(new Yaml(options).dump(root)).toString();
    }

    private static Map<String, Object> buffer(BufferSpec b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bootstrap", b.bootstrap());
        m.put("managed", b.managed());
        m.put("replication", (int) b.replication());
        if (b.security().protocol() != SecurityProtocol.PLAINTEXT) {
            m.put("security", security(b.security()));
        }
        if (!b.properties().isEmpty()) {
            m.put("properties", new TreeMap<>(b.properties()));
        }
        if (!b.topics().isEmpty()) {
            Map<String, Object> topics = new LinkedHashMap<>();
            b.topics().values().forEach(t -> topics.put(t.name(), topic(t)));
            m.put("topics", topics);
        }
        return m;
    }

    private static Map<String, Object> topic(TopicSpec t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partitions", t.partitions());
        m.put("replication", (int) t.replicationFactor());
        if (!t.configs().isEmpty()) {
            m.put("configs", new TreeMap<>(t.configs()));
        }
        return m;
    }

    private static Map<String, Object> security(BufferSecurity s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", s.protocol().name);
        if (s.sasl()) {
            Map<String, Object> sasl = new LinkedHashMap<>();
            sasl.put("mechanism", s.saslMechanism());
            sasl.put("username", s.username());
            sasl.put("password", secret(s.password()));
            m.put("sasl", sasl);
        }
        Map<String, Object> ssl = new TreeMap<>();
        s.ssl().forEach((k, v) -> ssl.put(SSL_PLAIN.getOrDefault(k, k.toLowerCase(Locale.ROOT)), v));
        s.sslSecrets().forEach((k, v) -> ssl.put(SSL_SECRET.getOrDefault(k, k.toLowerCase(Locale.ROOT)), secret(v)));
        if (!ssl.isEmpty()) {
            m.put("ssl", ssl);
        }
        return m;
    }

    private static Map<String, Object> secret(Secret secret) {
        if (secret instanceof Secret.FromEnv e) {
            return Map.of("env", e.variable());
        }
        return Map.of("file", ((Secret.FromFile) secret).path());
    }

    private static Map<String, Object> stage(StageSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", s.type());
        m.put("group", s.group());
        m.put("input", endpoint(s.input()));
        m.put("output", endpoint(s.output()));
        m.put("threads", s.threads());
        m.put("replicas", s.replicas());
        if (!s.settings().isEmpty()) {
            m.put("settings", new LinkedHashMap<>(s.settings()));
        }
        return m;
    }

    private static Map<String, Object> endpoint(StageSpec.Endpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buffer", e.buffer());
        if (e.topicPattern() != null) {
            m.put("topic-pattern", e.topicPattern());
        } else if (!e.topicList().isEmpty()) {
            m.put("topics", e.topicList());
        } else {
            m.put("topics", new LinkedHashMap<>(e.topics()));
        }
        return m;
    }
}
