package uk.ac.lsst.pipeline.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How to reach one buffer (one Kafka cluster): bootstrap servers and security, read from variables that share a
 * prefix, e.g. {@code INPUT_}:
 *
 * <pre>
 * INPUT_BOOTSTRAP_SERVERS           host:port[,host:port...]                (required)
 * INPUT_SECURITY_PROTOCOL           PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL   (default PLAINTEXT)
 * INPUT_SASL_MECHANISM              SCRAM-SHA-512 | SCRAM-SHA-256 | PLAIN   (default SCRAM-SHA-512)
 * INPUT_SASL_USERNAME / INPUT_SASL_PASSWORD (or INPUT_SASL_PASSWORD_FILE)   (required for SASL_*)
 * INPUT_SSL_TRUSTSTORE_LOCATION / _PASSWORD / _TYPE                         (optional; JVM trust store otherwise)
 * INPUT_SSL_KEYSTORE_LOCATION / _PASSWORD / _TYPE                           (optional; for mutual TLS)
 * INPUT_KAFKA_*                     any other client property of this buffer, e.g. INPUT_KAFKA_CLIENT_RACK
 * </pre>
 *
 * {@link #toString()} never shows passwords.
 */
public record BufferSettings(
        String prefix,
        String bootstrapServers,
        SecurityProtocol securityProtocol,
        String saslMechanism,
        String saslUsername,
        String saslPassword,
        Map<String, String> ssl,
        Map<String, String> extra) {

    public BufferSettings {
        ssl = Map.copyOf(ssl);
        extra = Map.copyOf(extra);
    }

    /** A plaintext buffer with no extra settings (local runs and tests). */
    public static BufferSettings plaintext(String prefix, String bootstrapServers) {
        return new BufferSettings(prefix, bootstrapServers, SecurityProtocol.PLAINTEXT, null, null, null, Map.of(),
                Map.of());
    }

    /** Reads the variables {@code <prefix>_*}; problems go to {@code env}. */
    public static BufferSettings fromEnv(Env env, String prefix) {
        String p = prefix + "_";
        String bootstrap = env.required(p + "BOOTSTRAP_SERVERS", "host:port[,host:port...] of the " +
                prefix.toLowerCase(Locale.ROOT) + " buffer");
        SecurityProtocol protocol = env.enumValue(p + "SECURITY_PROTOCOL", SecurityProtocol.class,
                SecurityProtocol.PLAINTEXT);
        String mechanism = null;
        String user = null;
        String password = null;
        if (protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT) {
            mechanism = env.string(p + "SASL_MECHANISM", "SCRAM-SHA-512").toUpperCase(Locale.ROOT);
            if (!mechanism.equals("SCRAM-SHA-512") && !mechanism.equals("SCRAM-SHA-256") && !mechanism.equals("PLAIN")) {
                env.problem(p + "SASL_MECHANISM='" + mechanism + "' is invalid: expected SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
            }
            user = env.required(p + "SASL_USERNAME", "the SASL user name (security protocol is " + protocol + ")");
            password = env.required(p + "SASL_PASSWORD", "the SASL password, or " + p
                    + "SASL_PASSWORD_FILE naming a file that holds it");
        }
        Map<String, String> ssl = new HashMap<>();
        if (protocol == SecurityProtocol.SSL || protocol == SecurityProtocol.SASL_SSL) {
            putIfSet(env, ssl, p + "SSL_TRUSTSTORE_LOCATION", SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
            putIfSet(env, ssl, p + "SSL_TRUSTSTORE_PASSWORD", SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG);
            putIfSet(env, ssl, p + "SSL_TRUSTSTORE_TYPE", SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG);
            putIfSet(env, ssl, p + "SSL_KEYSTORE_LOCATION", SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG);
            putIfSet(env, ssl, p + "SSL_KEYSTORE_PASSWORD", SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG);
            putIfSet(env, ssl, p + "SSL_KEYSTORE_TYPE", SslConfigs.SSL_KEYSTORE_TYPE_CONFIG);
            putIfSet(env, ssl, p + "SSL_KEY_PASSWORD", SslConfigs.SSL_KEY_PASSWORD_CONFIG);
        }
        return new BufferSettings(prefix, bootstrap, protocol, mechanism, user, password, ssl,
                env.kafkaProperties(p + "KAFKA_"));
    }

    /** Client properties for this buffer: bootstrap servers, security, then the pass-through properties. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(securityProperties());
        props.putAll(extra);
        return props;
    }

    /** Only the security properties (protocol, SASL, SSL). */
    public Map<String, Object> securityProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol.name);
        if (saslMechanism != null) {
            props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas());
        }
        props.putAll(ssl);
        return props;
    }

    /** True for the property names that {@link #securityProperties()} may set. */
    public static boolean isSecurityProperty(String name) {
        return name.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG) || name.startsWith("sasl.")
                || name.startsWith("ssl.");
    }

    private String jaas() {
        String module = saslMechanism.startsWith("SCRAM")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        return module + " required username=\"" + escape(saslUsername) + "\" password=\"" + escape(saslPassword) + "\";";
    }

    private static String escape(String s) {
        return Optional.ofNullable(s).orElse("").replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void putIfSet(Env env, Map<String, String> target, String variable, String property) {
        env.optional(variable).ifPresent(v -> target.put(property, v));
    }

    @Override
    public String toString() {
        return prefix + "{bootstrap=" + bootstrapServers + ", security=" + securityProtocol
                + (saslMechanism == null ? "" : ", sasl=" + saslMechanism + " as " + saslUsername)
                + (ssl.isEmpty() ? "" : ", ssl=" + ssl.keySet())
                + (extra.isEmpty() ? "" : ", extra=" + extra.keySet()) + "}";
    }
}
