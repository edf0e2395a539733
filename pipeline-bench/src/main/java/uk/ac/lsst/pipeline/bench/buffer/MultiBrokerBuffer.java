package uk.ac.lsst.pipeline.bench.buffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;

/**
 * A Kafka cluster of several brokers inside this JVM (KRaft): node 1 is broker and controller, the others are
 * brokers only. Replication factors are 1, so a topic's partitions are spread over the brokers, one leader each,
 * as a buffer of several brokers holding many partitions would be. For the bench only; thread-safe,
 * {@link #close} is idempotent.
 */
public final class MultiBrokerBuffer implements BenchBuffer {

    private final String name;
    private final Path dataDir;
    private final List<KafkaRaftServer> servers;
    private final String bootstrapServers;
    private boolean closed;

    private MultiBrokerBuffer(String name, Path dataDir, List<KafkaRaftServer> servers, String bootstrapServers) {
        this.name = name;
        this.dataDir = dataDir;
        this.servers = servers;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts {@code brokers} nodes in a fresh temporary directory; returns once all of them are registered. */
    public static MultiBrokerBuffer start(String name, int brokers) {
        if (brokers < 2) {
            throw new IllegalArgumentException("a multi-broker buffer needs at least 2 brokers, got " + brokers);
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("buffer-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int controllerPort = EmbeddedBuffer.freePort();
        String clusterId = Uuid.randomUuid().toString();
        List<Integer> ports = new ArrayList<>();
        List<KafkaRaftServer> servers = new ArrayList<>();
        try {
            for (int node = 1; node <= brokers; node++) {
                int port = EmbeddedBuffer.freePort();
                ports.add(port);
                Properties props = EmbeddedBuffer.nodeProperties(dir.resolve("node-" + node), node, port, controllerPort);
                format(props, dir.resolve("node-" + node), node, clusterId);
                KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
                server.startup();
                servers.add(server);
            }
        } catch (Exception e) {
            servers.forEach(KafkaRaftServer::shutdown);
            throw new IllegalStateException("buffer " + name + " did not start: " + e.getMessage(), e);
        }
        String bootstrap = ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        MultiBrokerBuffer buffer = new MultiBrokerBuffer(name, dir, servers, bootstrap);
        buffer.awaitBrokers(brokers);
        return buffer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public int brokers() {
        return servers.size();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).shutdown();
            servers.get(i).awaitShutdown();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }

    private void awaitBrokers(int expected) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        try (Admin admin = admin()) {
            while (admin.describeCluster().nodes().get().size() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("buffer " + name + ": not all " + expected + " brokers joined");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for buffer " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("buffer " + name + " does not answer at " + bootstrapServers, e);
        }
    }

    private static void format(Properties props, Path dir, int node, String clusterId) throws Exception {
        Path logs = dir.resolve("logs");
        Path metadata = dir.resolve("metadata");
        Files.createDirectories(dir);
        new Formatter()
                .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setNodeId(node)
                .setClusterId(clusterId)
                .setDirectories(List.of(logs.toString(), metadata.toString()))
                .setMetadataLogDirectory(metadata.toString())
                .setControllerListenerName(props.getProperty("controller.listener.names"))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .run();
    }
}
