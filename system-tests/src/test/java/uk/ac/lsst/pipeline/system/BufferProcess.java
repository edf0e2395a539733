package uk.ac.lsst.pipeline.system;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.testing.JvmProcess;

/**
 * A single-node buffer run by {@link BufferMain} in its own JVM, with a fixed address and data directory, so that
 * it can be killed ({@code kill -9}), stopped and started again while its clients keep their settings.
 * Not thread-safe.
 */
final class BufferProcess implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final String name;
    private final Path dataDir;
    private final Path log;
    private final int brokerPort = EmbeddedBuffer.freePort();
    private final int controllerPort = EmbeddedBuffer.freePort();
    private JvmProcess process;

    BufferProcess(String name, Path workDir) {
        this.name = name;
        this.dataDir = workDir.resolve("broker-" + name);
        this.log = workDir.resolve("broker-" + name + ".log");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    /** Starts the broker and waits until it answers. */
    void start() {
        process = JvmProcess.start("buffer " + name, BufferMain.class, Map.of(), log,
                List.of("-Xmx512m", "-XX:+UseSerialGC"),
                List.of(name, dataDir.toString(), String.valueOf(brokerPort), String.valueOf(controllerPort)));
        awaitReady();
    }

    /** SIGKILL: the broker gets no chance to flush or close anything. */
    void kill() {
        process.kill();
    }

    /** SIGTERM: a clean broker shutdown. */
    void stop() {
        process.stop();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void createTopics(TopicSpec... topics) {
        try (Admin admin = Admin.create(clientProperties())) {
            new TopicAdmin(admin, Duration.ofSeconds(60)).ensure(List.of(topics));
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return "buffer " + name + " at " + bootstrapServers() + " (log " + log + ")";
    }

    private void awaitReady() {
        await().atMost(READY_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(this + " exited with code " + process.exitCode());
            }
            try (Admin admin = Admin.create(clientProperties())) {
                return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes().get().isEmpty();
            } catch (Exception notYet) {
                return false;
            }
        });
    }
}
