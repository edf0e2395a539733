package uk.ac.lsst.pipeline.bench.buffer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;

/**
 * A buffer of a pipeline file, used as it is: the bench neither starts nor stops it, and counts its brokers by
 * asking it. Thread-safe.
 *
 * @param spec        the buffer as the file describes it
 * @param environment where its {@code {env: VARIABLE}} secrets are looked up (the process environment)
 * @param source      the pipeline file, for messages
 */
public record FileBuffer(BufferSpec spec, Map<String, String> environment, String source) implements BenchBuffer {
    /** How long the buffer may take to answer {@link #brokers()}. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** @throws uk.ac.lsst.pipeline.config.SettingsException if a secret of the buffer is not set */
    public FileBuffer {
        environment = Map.copyOf(environment);
        StageEnvironment.bufferSettings(spec, environment);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String bootstrapServers() {
        return spec.bootstrap();
    }

    /** @throws IllegalStateException naming the buffer and the file if it does not answer within 15 s */
    @Override
    public int brokers() {
        Map<String, Object> config = new HashMap<>(clientProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().nodes().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking buffer " + name() + " for its brokers", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("buffer " + name() + " of " + source + " at " + bootstrapServers()
                    + " did not tell its brokers within " + TIMEOUT + " (" + cause.getMessage()
                    + "): expected a running Kafka cluster that takes the file's security settings", e);
        }
    }

    /** Nothing: the buffer is not the bench's to stop. */
    @Override
    public void close() {
        // the cluster belongs to the pipeline
    }
}
