package uk.ac.lsst.pipeline.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;

/** An admin client of one buffer of a pipeline file, with short time-outs and errors that name the buffer. */
final class BufferAdmin implements AutoCloseable {
    private final BufferSpec buffer;
    private final BufferSettings settings;
    private final Admin admin;
    private final Duration timeout;

    BufferAdmin(BufferSpec buffer, Map<String, String> env, Duration timeout) {
        this.buffer = buffer;
        this.settings = StageEnvironment.bufferSettings(buffer, env);
        this.timeout = timeout;
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        int ms = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pipeline-ops-" + buffer.name());
        this.admin = Admin.create(config);
    }

    Admin admin() {
        return admin;
    }

    BufferSettings settings() {
        return settings;
    }

    BufferSpec buffer() {
        return buffer;
    }

    /** Waits for a result; failures become {@link OpsException} naming the buffer and what was asked. */
    <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while " + what + " on buffer " + buffer.name(), e);
        } catch (TimeoutException e) {
            throw new OpsException("buffer " + buffer.name() + " at " + buffer.bootstrap() + " did not answer within "
                    + timeout + " while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new OpsException("buffer " + buffer.name() + " at " + buffer.bootstrap() + " did not answer "
                        + "within " + timeout + " while " + what + ": is it running?", cause);
            }
            throw new OpsException("buffer " + buffer.name() + " at " + buffer.bootstrap() + " failed while " + what
                    + ": " + cause.getMessage(), cause);
        }
    }

    /** The consumer group, or empty if the buffer has never heard of it (a stage that never started). */
    java.util.Optional<org.apache.kafka.clients.admin.ConsumerGroupDescription> group(String id) {
        try {
            return java.util.Optional.of(admin.describeConsumerGroups(java.util.List.of(id)).describedGroups().get(id)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
                return java.util.Optional.empty();
            }
            throw new OpsException("buffer " + buffer.name() + " at " + buffer.bootstrap() + " failed while "
                    + "describing group " + id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpsException("interrupted while describing group " + id + " on buffer " + buffer.name(), e);
        } catch (TimeoutException e) {
            throw new OpsException("buffer " + buffer.name() + " at " + buffer.bootstrap() + " did not answer within "
                    + timeout + " while describing group " + id, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
