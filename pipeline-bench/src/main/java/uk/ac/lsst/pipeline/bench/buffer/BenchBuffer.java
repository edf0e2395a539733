package uk.ac.lsst.pipeline.bench.buffer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import uk.ac.lsst.pipeline.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * A buffer the bench runs against: a Kafka cluster reachable at {@link #bootstrapServers()}, with the number of
 * brokers it has. Implementations are thread-safe; {@link #close} is idempotent.
 */
public interface BenchBuffer extends AutoCloseable {

    String name();

    String bootstrapServers();

    /** Brokers in the cluster. */
    int brokers();

    /** A new admin client; the caller closes it. */
    default Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
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
