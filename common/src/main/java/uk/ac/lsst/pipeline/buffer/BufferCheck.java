package uk.ac.lsst.pipeline.buffer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import uk.ac.lsst.pipeline.config.BufferSettings;

/**
 * Asks a buffer for its brokers once, so that a stage that cannot reach a buffer, or is refused by it, says so at
 * start-up in one clear sentence instead of retrying quietly. Stateless.
 */
public final class BufferCheck {
    private BufferCheck() {
    }

    /**
     * @return the brokers of the buffer
     * @throws BufferUnavailableException naming the buffer, its address and what went wrong (wrong password,
     *                                    untrusted certificate, no answer within the timeout)
     */
    public static Collection<Node> verify(BufferSettings buffer, Duration timeout) {
        Map<String, Object> config = new HashMap<>(buffer.clientProperties());
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        String what = buffer.prefix().toLowerCase(java.util.Locale.ROOT) + " buffer at " + buffer.bootstrapServers()
                + " (" + buffer.securityProtocol() + ")";
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BufferUnavailableException("interrupted while checking the " + what, e);
        } catch (TimeoutException e) {
            throw new BufferUnavailableException("the " + what + " did not answer within " + timeout
                    + ": check " + buffer.prefix() + "_BOOTSTRAP_SERVERS and the network", e);
        } catch (ExecutionException e) {
            throw new BufferUnavailableException(explain(what, buffer, e.getCause()), e.getCause());
        }
    }

    private static String explain(String what, BufferSettings buffer, Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            return "the " + what + " refused the TLS handshake: " + cause.getMessage() + " (check "
                    + buffer.prefix() + "_SSL_TRUSTSTORE_LOCATION and the broker's certificate)";
        }
        if (cause instanceof AuthenticationException) {
            return "the " + what + " refused our credentials: " + cause.getMessage() + " (check "
                    + buffer.prefix() + "_SASL_USERNAME, " + buffer.prefix() + "_SASL_PASSWORD and "
                    + buffer.prefix() + "_SASL_MECHANISM)";
        }
        return "the " + what + " could not be asked for its brokers: " + cause;
    }

    /** A buffer that a stage needs could not be used. */
    public static final class BufferUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BufferUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
