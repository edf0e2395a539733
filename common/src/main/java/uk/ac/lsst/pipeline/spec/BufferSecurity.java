package uk.ac.lsst.pipeline.spec;

import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * How clients authenticate to a buffer and protect the connection.
 *
 * @param protocol      PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN; null unless SASL
 * @param username      SASL user; null unless SASL
 * @param password      SASL password reference; null unless SASL
 * @param ssl           plain SSL settings by their suffix of the {@code SSL_} variables: {@code TRUSTSTORE_LOCATION},
 *                      {@code TRUSTSTORE_TYPE}, {@code KEYSTORE_LOCATION}, {@code KEYSTORE_TYPE}
 * @param sslSecrets    SSL passwords by suffix: {@code TRUSTSTORE_PASSWORD}, {@code KEYSTORE_PASSWORD},
 *                      {@code KEY_PASSWORD}
 */
public record BufferSecurity(SecurityProtocol protocol, String saslMechanism, String username, Secret password,
                             Map<String, String> ssl, Map<String, Secret> sslSecrets) {

    public static final BufferSecurity PLAINTEXT = new BufferSecurity(SecurityProtocol.PLAINTEXT, null, null, null,
            Map.of(), Map.of());

    public BufferSecurity {
        ssl = Map.copyOf(ssl);
        sslSecrets = Map.copyOf(sslSecrets);
    }

    public boolean sasl() {
        return protocol == SecurityProtocol.SASL_SSL || protocol == SecurityProtocol.SASL_PLAINTEXT;
    }
}
