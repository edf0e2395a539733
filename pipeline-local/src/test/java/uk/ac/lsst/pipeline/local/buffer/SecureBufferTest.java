package uk.ac.lsst.pipeline.local.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.BufferCheck;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.testing.TestCertificates;

/** A buffer that requires TLS, and TLS with SCRAM-SHA-512 logins (as Rubin's stream does). */
class SecureBufferTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static EmbeddedBuffer buffer;

    @BeforeAll
    static void start() {
        certificates = TestCertificates.create(dir);
        buffer = EmbeddedBuffer.startSecure("secure", new EmbeddedBuffer.Secure(certificates.keystore(),
                certificates.password(), Map.of("lsst-uk", "right-password")));
    }

    @AfterAll
    static void stop() {
        buffer.close();
    }

    @Test
    void shouldConnectWithScramOverTlsWhenTheCredentialsAreRight() {
        BufferSettings settings = settings("SASL_SSL", "lsst-uk", "right-password", true);
        assertThat(BufferCheck.verify(settings, Duration.ofSeconds(30))).hasSize(1);
    }

    @Test
    void shouldSayClearlyThatTheCredentialsWereRefused() {
        BufferSettings settings = settings("SASL_SSL", "lsst-uk", "wrong-password", true);
        assertThatThrownBy(() -> BufferCheck.verify(settings, Duration.ofSeconds(30)))
                .isInstanceOf(BufferCheck.BufferUnavailableException.class)
                .hasMessageContaining("input buffer at " + buffer.bootstrapServers(
                        org.apache.kafka.common.security.auth.SecurityProtocol.SASL_SSL))
                .hasMessageContaining("refused our credentials")
                .hasMessageContaining("INPUT_SASL_PASSWORD")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void shouldConnectOverTlsAndRefuseAnUntrustedCertificate() {
        assertThat(BufferCheck.verify(settings("SSL", null, null, true), Duration.ofSeconds(30))).hasSize(1);
        assertThatThrownBy(() -> BufferCheck.verify(settings("SSL", null, null, false), Duration.ofSeconds(30)))
                .isInstanceOf(BufferCheck.BufferUnavailableException.class)
                .hasMessageContaining("refused the TLS handshake")
                .hasMessageContaining("INPUT_SSL_TRUSTSTORE_LOCATION");
    }

    private static BufferSettings settings(String protocol, String user, String password, boolean trust) {
        Map<String, String> vars = new HashMap<>();
        vars.put("INPUT_BOOTSTRAP_SERVERS", buffer.bootstrapServers(
                org.apache.kafka.common.security.auth.SecurityProtocol.valueOf(protocol)));
        vars.put("INPUT_SECURITY_PROTOCOL", protocol);
        if (user != null) {
            vars.put("INPUT_SASL_USERNAME", user);
            vars.put("INPUT_SASL_PASSWORD", password);
        }
        if (trust) {
            vars.put("INPUT_SSL_TRUSTSTORE_LOCATION", certificates.truststore().toString());
            vars.put("INPUT_SSL_TRUSTSTORE_PASSWORD", certificates.password());
            vars.put("INPUT_SSL_TRUSTSTORE_TYPE", "PKCS12");
        }
        Env env = new Env(vars);
        BufferSettings settings = BufferSettings.fromEnv(env, "INPUT");
        env.check();
        return settings;
    }
}
