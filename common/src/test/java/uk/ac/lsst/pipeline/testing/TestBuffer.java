package uk.ac.lsst.pipeline.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageKinds;

/**
 * A buffer for integration tests: a real KRaft Kafka cluster started in-process with Kafka's own test kit
 * (combined broker+controller nodes), pinned to the latest production metadata version. Close it once.
 */
public final class TestBuffer implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private TestBuffer(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** One combined node. */
    public static TestBuffer start() {
        return start(1);
    }

    /** {@code brokers} combined nodes; replication settings follow the node count (capped at 3). */
    public static TestBuffer start(int brokers) {
        try {
            String replication = String.valueOf(Math.min(brokers, 3));
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(brokers)
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", replication)
                    .setConfigProp("offsets.topic.num.partitions", "8")
                    .setConfigProp("transaction.state.log.replication.factor", replication)
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024))
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new TestBuffer(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("test buffer did not start", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates the topics and waits until every partition takes writes. */
    /**
     * Creates the topics that the project's pipeline file declares on its buffer {@code buffer} (ingest, science),
     * with the file's variables taken from {@code env} (e.g. {@code ALERTS_PARTITIONS}), as {@code pipeline apply}
     * does; returns them.
     */
    public List<TopicSpec> createPipelineTopics(String buffer, Map<String, String> env) {
        List<TopicSpec> topics = List.copyOf(PipelineSpec.load(ProjectFiles.pipelineFile(), env,
                StageKinds.partial(List.of())).buffer(buffer).topics().values());
        createTopics(topics.toArray(TopicSpec[]::new));
        return topics;
    }

    public void createTopics(TopicSpec... topics) {
        try (Admin admin = admin()) {
            new TopicAdmin(admin, Duration.ofSeconds(60)).ensure(List.of(topics));
        }
    }

    /** Every record the topics hold right now, from the beginning (no consumer group). */
    public List<ConsumerRecord<byte[], byte[]>> readAll(Collection<String> topics) {
        return TopicReader.readAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()), topics,
                Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("test buffer did not close cleanly", e);
        }
    }
}
