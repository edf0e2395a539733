package uk.ac.lsst.pipeline.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the {@code security:} block of a buffer: protocol, SASL credentials and TLS stores, with every secret as
 * {@code {env: VARIABLE}} or {@code {file: PATH}}, never written in the file. Problems go to the {@link YamlNodes}.
 */
final class SecurityReader {
    private static final Set<String> SECURITY = Set.of("protocol", "sasl", "ssl");
    private static final Set<String> SASL = Set.of("mechanism", "username", "password");
    private static final Set<String> SECRET = Set.of("env", "file");
    private static final Map<String, String> SSL_PLAIN = Map.of("truststore", "TRUSTSTORE_LOCATION",
            "truststore-type", "TRUSTSTORE_TYPE", "keystore", "KEYSTORE_LOCATION", "keystore-type", "KEYSTORE_TYPE");
    private static final Map<String, String> SSL_SECRET = Map.of("truststore-password", "TRUSTSTORE_PASSWORD",
            "keystore-password", "KEYSTORE_PASSWORD", "key-password", "KEY_PASSWORD");

    private final YamlNodes nodes;

    SecurityReader(YamlNodes nodes) {
        this.nodes = nodes;
    }

    BufferSecurity read(Node node, String buffer) {
        String where = buffer + " security";
        Map<String, Node> m = nodes.mapping(node, where, SECURITY);
        if (m == null) {
            return null;
        }
        SecurityProtocol protocol = SecurityProtocol.PLAINTEXT;
        if (m.containsKey("protocol")) {
            String p = nodes.scalar(m.get("protocol"), where + " protocol");
            try {
                protocol = p == null ? null : SecurityProtocol.forName(p.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                nodes.problem(m.get("protocol"), where + " protocol '" + p
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
                nodes.problem(node, where + " uses " + protocol + " but has no 'sasl:': "
                        + "expected mechanism, username and password");
                return null;
            }
            Map<String, Node> s = nodes.mapping(saslNode, where + " sasl", SASL);
            if (s == null) {
                return null;
            }
            mechanism = s.containsKey("mechanism") ? nodes.scalar(s.get("mechanism"), where + " sasl mechanism")
                    : "SCRAM-SHA-512";
            if (mechanism != null) {
                mechanism = mechanism.toUpperCase(Locale.ROOT);
                if (!Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN").contains(mechanism)) {
                    nodes.problem(s.get("mechanism"), where + " sasl mechanism '" + mechanism
                            + "' is invalid: expected SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
                }
            }
            if (s.get("username") == null) {
                nodes.problem(saslNode, where + " sasl has no 'username'");
            } else {
                username = nodes.scalar(s.get("username"), where + " sasl username");
            }
            if (s.get("password") == null) {
                nodes.problem(saslNode, where + " sasl has no 'password': expected "
                        + "{env: VARIABLE} or {file: PATH}");
            } else {
                password = secret(s.get("password"), where + " sasl password");
            }
        } else if (m.containsKey("sasl")) {
            nodes.problem(m.get("sasl"), where + " has 'sasl:' but protocol " + protocol
                    + ": expected protocol SASL_SSL or SASL_PLAINTEXT");
        }
        Map<String, String> sslPlain = new HashMap<>();
        Map<String, Secret> sslSecrets = new HashMap<>();
        if (m.containsKey("ssl")) {
            if (!ssl) {
                nodes.problem(m.get("ssl"), where + " has 'ssl:' but protocol " + protocol
                        + ": expected protocol SSL or SASL_SSL");
            } else {
                Set<String> allowed = new HashSet<>(SSL_PLAIN.keySet());
                allowed.addAll(SSL_SECRET.keySet());
                Map<String, Node> s = nodes.mapping(m.get("ssl"), where + " ssl", allowed);
                if (s != null) {
                    s.forEach((k, v) -> {
                        if (SSL_PLAIN.containsKey(k)) {
                            String value = nodes.scalar(v, where + " ssl " + k);
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
            nodes.problem(node, what + " is written in the file: a secret must never be; "
                    + "expected {env: VARIABLE} or {file: PATH}");
            return null;
        }
        Map<String, Node> m = nodes.mapping(node, what, SECRET);
        if (m == null) {
            return null;
        }
        if (m.size() != 1) {
            nodes.problem(node, what + ": expected exactly one of {env: VARIABLE} or "
                    + "{file: PATH}");
            return null;
        }
        if (m.containsKey("env")) {
            String variable = nodes.scalar(m.get("env"), what + " env");
            if (variable != null && !variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                nodes.problem(m.get("env"), what + ": '" + variable
                        + "' is not a variable name");
                return null;
            }
            return variable == null ? null : new Secret.FromEnv(variable);
        }
        String path = nodes.scalar(m.get("file"), what + " file");
        return path == null ? null : new Secret.FromFile(path);
    }
}
