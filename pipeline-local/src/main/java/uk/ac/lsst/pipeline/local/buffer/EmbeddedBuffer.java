package uk.ac.lsst.pipeline.local.buffer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * One buffer run inside this JVM: a real single-node Kafka cluster (KRaft, broker and controller combined) with
 * its own ports and data directory. Several can run side by side; each is an independent cluster.
 *
 * <p>Settings are those of a single node: every replication factor and {@code min.insync.replicas} is 1 (or
 * {@code __consumer_offsets} is never created), the log cleaner's dedupe buffer is small, and topics are not
 * created automatically. {@link #start} returns once the broker answers. Thread-safe; {@link #close} is idempotent.
 */
public final class EmbeddedBuffer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBuffer.class);
    private static final String CONTROLLER = "CONTROLLER";

    private final String name;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final String bootstrapServers;
    private final Map<SecurityProtocol, String> secureBootstrap;
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedBuffer(String name, Path dataDir, boolean deleteOnClose, String bootstrapServers,
                           Map<SecurityProtocol, String> secureBootstrap, KafkaRaftServer server) {
        this.name = name;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.bootstrapServers = bootstrapServers;
        this.secureBootstrap = Map.copyOf(secureBootstrap);
        this.server = server;
    }

    /**
     * Extra listeners that require TLS ({@code SSL}) and TLS with SCRAM-SHA-512 logins ({@code SASL_SSL}), as
     * Rubin's alert stream does, beside the plaintext one.
     *
     * @param keystore         PKCS12 key store holding the broker's key and certificate
     * @param keystorePassword its password (also the key's)
     * @param scramUsers       user name to password, created with SCRAM-SHA-512 credentials when the buffer is
     *                         first formatted
     */
    public record Secure(Path keystore, String keystorePassword, Map<String, String> scramUsers) {
        public Secure {
            scramUsers = Map.copyOf(scramUsers);
        }
    }

    /** Starts a buffer in a fresh temporary directory that is deleted on {@link #close}. */
    public static EmbeddedBuffer start(String name) {
        try {
            return start(name, Files.createTempDirectory("buffer-" + name + "-"), true, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data directory for buffer " + name, e);
        }
    }

    /**
     * Starts a buffer.
     *
     * @param name          a label for logs
     * @param dataDir       where the log and metadata live (created and formatted if empty)
     * @param deleteOnClose whether {@link #close} deletes {@code dataDir}
     * @param overrides     broker settings that replace the defaults ({@code num.partitions}, ...)
     */
    public static EmbeddedBuffer start(String name, Path dataDir, boolean deleteOnClose, Map<String, String> overrides) {
        return start(name, dataDir, deleteOnClose, overrides, null);
    }

    /** Starts a buffer in a fresh temporary directory with TLS and SCRAM listeners as well as the plaintext one. */
    public static EmbeddedBuffer startSecure(String name, Secure secure) {
        try {
            return start(name, Files.createTempDirectory("buffer-" + name + "-"), true, Map.of(), secure);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a data directory for buffer " + name, e);
        }
    }

    private static EmbeddedBuffer start(String name, Path dataDir, boolean deleteOnClose,
                                        Map<String, String> overrides, Secure secure) {
        int brokerPort = freePort();
        int controllerPort = freePort();
        Properties props = nodeProperties(dataDir, 1, brokerPort, controllerPort);
        Map<SecurityProtocol, String> secureBootstrap = new EnumMap<>(SecurityProtocol.class);
        if (secure != null) {
            addSecureListeners(props, secure, secureBootstrap);
        }
        props.putAll(overrides);
        String bootstrap = plaintextAddress(props.getProperty("advertised.listeners"));
        long started = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            format(props, dataDir, secure);
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            EmbeddedBuffer buffer = new EmbeddedBuffer(name, dataDir, deleteOnClose, bootstrap, secureBootstrap,
                    server);
            buffer.awaitBroker();
            log.info("buffer {} is up at {} (data in {}) after {} ms", name, bootstrap, dataDir,
                    (System.nanoTime() - started) / 1_000_000);
            return buffer;
        } catch (Exception e) {
            throw new IllegalStateException("buffer " + name + " did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Overrides (for {@link #start(String, Path, boolean, Map)}) that put the broker and its controller on fixed
     * ports, so that a buffer stopped and started again on the same data directory keeps its address and its
     * clients reconnect. Plaintext listeners only.
     */
    public static Map<String, String> fixedPorts(int brokerPort, int controllerPort) {
        return Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + "," + CONTROLLER + "://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort,
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    }

    /** A free TCP port on 127.0.0.1 (free when asked; for {@link #fixedPorts}). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public String name() {
        return name;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code host:port} of the listener that requires {@code protocol} ({@code SSL} or {@code SASL_SSL}). */
    public String bootstrapServers(SecurityProtocol protocol) {
        if (protocol == SecurityProtocol.PLAINTEXT) {
            return bootstrapServers;
        }
        String address = secureBootstrap.get(protocol);
        if (address == null) {
            throw new IllegalArgumentException("buffer " + name + " has no " + protocol + " listener");
        }
        return address;
    }

    /** A new admin client for this buffer; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Creates the topics that are missing and waits until every partition can take writes. */
    public List<String> ensureTopics(Collection<TopicSpec> topics) {
        try (Admin admin = admin()) {
            return new TopicAdmin(admin, Duration.ofSeconds(60)).ensure(topics);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
        log.info("buffer {} stopped", name);
    }

    private void awaitBroker() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for buffer " + name, e);
        } catch (Exception e) {
            throw new IllegalStateException("buffer " + name + " does not answer at " + bootstrapServers, e);
        }
    }

    /**
     * Settings of one node of an in-process cluster whose node 1 is broker and controller, and any other node a
     * broker only: plaintext on 127.0.0.1, replication factors of one, no topic auto-creation, small cleaner.
     *
     * @param node           node id, 1 for the (only) controller
     * @param controllerPort the controller's port (node 1 listens on it)
     */
    public static Properties nodeProperties(Path dataDir, int node, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        boolean controller = node == 1;
        p.put("process.roles", controller ? "broker,controller" : "broker");
        p.put("node.id", String.valueOf(node));
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort
                + (controller ? "," + CONTROLLER + "://127.0.0.1:" + controllerPort : ""));
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("metadata.log.dir", dataDir.resolve("metadata").toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        return p;
    }

    private static void addSecureListeners(Properties p, Secure secure, Map<SecurityProtocol, String> bootstrap) {
        int ssl = freePort();
        int sasl = freePort();
        bootstrap.put(SecurityProtocol.SSL, "127.0.0.1:" + ssl);
        bootstrap.put(SecurityProtocol.SASL_SSL, "127.0.0.1:" + sasl);
        p.put("listeners", p.getProperty("listeners") + ",SSL://127.0.0.1:" + ssl + ",SASL_SSL://127.0.0.1:" + sasl);
        p.put("advertised.listeners", p.getProperty("advertised.listeners") + ",SSL://127.0.0.1:" + ssl
                + ",SASL_SSL://127.0.0.1:" + sasl);
        p.put("listener.security.protocol.map", p.getProperty("listener.security.protocol.map")
                + ",SSL:SSL,SASL_SSL:SASL_SSL");
        p.put("ssl.keystore.location", secure.keystore().toString());
        p.put("ssl.keystore.password", secure.keystorePassword());
        p.put("ssl.key.password", secure.keystorePassword());
        p.put("ssl.keystore.type", "PKCS12");
        p.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    private static void format(Properties props, Path dataDir, Secure secure) throws Exception {
        Path logs = dataDir.resolve("logs");
        Path metadata = dataDir.resolve("metadata");
        if (Files.exists(metadata.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logs.toString(), metadata.toString()))
                .setMetadataLogDirectory(metadata.toString())
                .setControllerListenerName(props.getProperty("controller.listener.names"))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setScramArguments(secure == null ? List.of() : secure.scramUsers().entrySet().stream()
                        .map(u -> "SCRAM-SHA-512=[name=" + u.getKey() + ",password=" + u.getValue() + "]").toList())
                .run();
    }

    private static String plaintextAddress(String advertisedListeners) {
        for (String listener : advertisedListeners.split(",")) {
            if (listener.startsWith("PLAINTEXT://")) {
                return listener.substring("PLAINTEXT://".length());
            }
        }
        throw new IllegalArgumentException("advertised.listeners has no PLAINTEXT listener: " + advertisedListeners);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
