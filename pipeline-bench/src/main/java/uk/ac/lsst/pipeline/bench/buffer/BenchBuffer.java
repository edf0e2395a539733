package uk.ac.lsst.pipeline.bench.buffer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.spec.BufferSecurity;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;

/**
 * A buffer the bench runs against: a Kafka cluster reachable at {@link #bootstrapServers()}, with the number of
 * brokers it has. Every client of it, the stages' as well as the bench's own, takes its connection settings from
 * {@link #spec()} as a pipeline file describes a buffer (bootstrap, security, client properties), through
 * {@link StageEnvironment}. Implementations are thread-safe; {@link #close} is idempotent.
 */
public interface BenchBuffer extends AutoCloseable {

    String name();

    String bootstrapServers();

    /** Brokers in the cluster. */
    int brokers();

    /** How to connect, as a pipeline file says it; a plaintext buffer at {@link #bootstrapServers()} by default. */
    default BufferSpec spec() {
        return new BufferSpec(name(), bootstrapServers(), true, (short) -1, BufferSecurity.PLAINTEXT, Map.of(),
                Map.of(), 0);
    }

    /** The environment that the {@code {env: VARIABLE}} secrets of {@link #spec()} are looked up in. */
    default Map<String, String> environment() {
        return Map.of();
    }

    /** Properties for a producer, consumer or admin client of this buffer: bootstrap, security, the rest. */
    default Map<String, Object> clientProperties() {
        return StageEnvironment.bufferSettings(spec(), environment()).clientProperties();
    }

    /** The variables {@code <prefix>_BOOTSTRAP_SERVERS}, {@code <prefix>_SECURITY_PROTOCOL}, ... a stage reads. */
    default Map<String, String> variables(String prefix) {
        return StageEnvironment.bufferVariables(spec(), prefix, StageEnvironment.Secrets.RESOLVE, environment());
    }

    /** A new admin client; the caller closes it. */
    default Admin admin() {
        return Admin.create(clientProperties());
    }

    /** Creates the missing topics and waits until every partition takes writes. */
    default List<String> ensureTopics(Collection<TopicSpec> topics) {
        try (Admin admin = admin()) {
            return new TopicAdmin(admin, Duration.ofSeconds(60)).ensure(topics);
        }
    }

    @Override
    void close();

    /** One single-node {@link EmbeddedBuffer}. */
    static BenchBuffer single(String name) {
        EmbeddedBuffer buffer = EmbeddedBuffer.start(name);
        return new BenchBuffer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String bootstrapServers() {
                return buffer.bootstrapServers();
            }

            @Override
            public int brokers() {
                return 1;
            }

            @Override
            public void close() {
                buffer.close();
            }
        };
    }

    /** A buffer of one node when {@code brokers == 1}, else a {@link MultiBrokerBuffer}. */
    static BenchBuffer start(String name, int brokers) {
        return brokers == 1 ? single(name) : MultiBrokerBuffer.start(name, brokers);
    }
}
