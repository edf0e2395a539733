package uk.ac.lsst.pipeline.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.TopicUse;

/**
 * The environment variables that configure a stage (or any client of a buffer), derived from a pipeline file: the
 * one source of truth for local runs, docker compose and Kubernetes.
 *
 * <p>Secrets are never copied into the result as values. A secret in a file, {@code {file: P}}, becomes the variable
 * {@code X_FILE=P}, which the stage reads at start-up. A secret in the environment, {@code {env: V}}, becomes
 * {@code X=${V}} in {@link Secrets#REFERENCE} mode (for printing and templates), or is looked up in the given
 * environment in {@link Secrets#RESOLVE} mode (in the process that connects).
 */
public final class StageEnvironment {

    /** How {@code {env: V}} secrets are rendered. */
    public enum Secrets {
        /** {@code X=${V}}: a reference that shells, compose and templates expand. */
        REFERENCE,
        /** {@code X=<value of V>}: only inside the process that uses it; never print the result. */
        RESOLVE
    }

    private StageEnvironment() {
    }

    /**
     * The variables of stage {@code stage}, in a stable order.
     *
     * @param env the process environment ({@link Secrets#RESOLVE} looks secrets up here)
     * @throws IllegalArgumentException if the stage does not exist or a secret variable is not set
     */
    public static Map<String, String> of(PipelineSpec spec, String stage, Secrets secrets, Map<String, String> env) {
        StageSpec s = spec.stage(stage);
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("APPLICATION_ID", s.group());
        vars.putAll(bufferVariables(spec.buffer(s.input().buffer()), "INPUT", secrets, env));
        vars.putAll(bufferVariables(spec.buffer(s.output().buffer()), "OUTPUT", secrets, env));
        vars.put("STREAM_THREADS", String.valueOf(s.threads()));
        if (!s.input().topicList().isEmpty()) {
            vars.put("UPSTREAM_TOPICS", String.join(",", s.input().topicList()));
        }
        if (s.input().topicPattern() != null) {
            vars.put("UPSTREAM_TOPIC_PATTERN", s.input().topicPattern());
        }
        putTopics(vars, s.input(), spec.buffer(s.input().buffer()));
        putTopics(vars, s.output(), spec.buffer(s.output().buffer()));
        vars.putAll(s.settings());
        return vars;
    }

    /**
     * For each topic role of an endpoint, {@code <ROLE>_TOPIC} and, where the buffer declares the topic, the
     * partitions it must have ({@code <ROLE>_PARTITIONS}), which the stage checks at start-up.
     */
    private static void putTopics(Map<String, String> vars, StageSpec.Endpoint endpoint, BufferSpec buffer) {
        endpoint.topics().forEach((role, topic) -> {
            vars.put(TopicUse.topicVariable(role), topic);
            TopicSpec t = buffer.topics().get(topic);
            if (t != null) {
                vars.put(TopicUse.partitionsVariable(role), String.valueOf(t.partitions()));
            }
        });
    }

    /**
     * The variables {@code <prefix>_*} that {@link BufferSettings#fromEnv} reads for one buffer.
     */
    public static Map<String, String> bufferVariables(BufferSpec buffer, String prefix, Secrets secrets,
                                                      Map<String, String> env) {
        String p = prefix + "_";
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(p + "BOOTSTRAP_SERVERS", buffer.bootstrap());
        BufferSecurity security = buffer.security();
        if (security.protocol() != BufferSecurity.PLAINTEXT.protocol()) {
            vars.put(p + "SECURITY_PROTOCOL", security.protocol().name);
        }
        List<String> missing = new ArrayList<>();
        if (security.sasl()) {
            vars.put(p + "SASL_MECHANISM", security.saslMechanism());
            vars.put(p + "SASL_USERNAME", security.username());
            putSecret(vars, p + "SASL_PASSWORD", security.password(), secrets, env, missing);
        }
        security.ssl().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> vars.put(p + "SSL_" + e.getKey(), e.getValue()));
        security.sslSecrets().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> putSecret(vars, p + "SSL_" + e.getKey(), e.getValue(), secrets, env, missing));
        buffer.properties().forEach((k, v) -> vars.put(p + "KAFKA_" + k.toUpperCase(Locale.ROOT).replace('.', '_'), v));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("buffer " + buffer.name() + " takes its secrets from the environment, "
                    + "but " + String.join(", ", missing) + " not set");
        }
        return vars;
    }

    /** Connection settings of a buffer for an admin, producer or consumer (secrets resolved from {@code env}). */
    public static BufferSettings bufferSettings(BufferSpec buffer, Map<String, String> env) {
        Map<String, String> vars = new HashMap<>(bufferVariables(buffer, "BUFFER", Secrets.RESOLVE, env));
        Env parsed = new Env(vars);
        BufferSettings settings = BufferSettings.fromEnv(parsed, "BUFFER");
        parsed.check();
        return settings;
    }

    private static void putSecret(Map<String, String> vars, String name, Secret secret, Secrets mode,
                                  Map<String, String> env, List<String> missing) {
        if (secret instanceof Secret.FromFile f) {
            vars.put(name + "_FILE", f.path());
        } else if (secret instanceof Secret.FromEnv e) {
            if (mode == Secrets.REFERENCE) {
                vars.put(name, "${" + e.variable() + "}");
            } else {
                String value = env.get(e.variable());
                if (value == null || value.isEmpty()) {
                    missing.add("$" + e.variable() + " (for " + name + ") is");
                } else {
                    vars.put(name, value);
                }
            }
        }
    }
}
