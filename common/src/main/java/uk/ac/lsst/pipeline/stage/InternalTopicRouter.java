package uk.ac.lsst.pipeline.stage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * The producer of a stage that reads one buffer and writes another: results go to the output buffer, while the
 * application's internal topics (state store changelogs, named {@code <application.id>-...}) go to the input buffer,
 * where Kafka Streams creates them, restores from them and tracks their offsets beside the consumer group.
 *
 * <p>The input-buffer producer is opened on the first internal record, so stateless stages keep one producer.
 * {@link #flush()} flushes both, which is what at-least-once commits wait for. Transactions are not supported: the
 * pipeline runs at-least-once.
 */
final class InternalTopicRouter implements Producer<byte[], byte[]> {
    private final String internalPrefix;
    private final Producer<byte[], byte[]> output;
    private final Supplier<Producer<byte[], byte[]>> openInput;
    private volatile Producer<byte[], byte[]> input;

    /**
     * @param applicationId the Streams application id, prefix of its internal topics
     * @param output        the producer on the output buffer
     * @param openInput     opens the producer on the input buffer (called at most once)
     */
    InternalTopicRouter(String applicationId, Producer<byte[], byte[]> output,
                        Supplier<Producer<byte[], byte[]>> openInput) {
        this.internalPrefix = applicationId + "-";
        this.output = output;
        this.openInput = openInput;
    }

    /** Whether records of this topic go to the input buffer. */
    boolean internal(String topic) {
        return topic.startsWith(internalPrefix)
                && (topic.endsWith("-changelog") || topic.endsWith("-repartition"));
    }

    private Producer<byte[], byte[]> route(String topic) {
        if (!internal(topic)) {
            return output;
        }
        Producer<byte[], byte[]> p = input;
        if (p == null) {
            synchronized (this) {
                if (input == null) {
                    input = openInput.get();
                }
                p = input;
            }
        }
        return p;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return route(record.topic()).send(record);
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        return route(record.topic()).send(record, callback);
    }

    @Override
    public void flush() {
        output.flush();
        Producer<byte[], byte[]> p = input;
        if (p != null) {
            p.flush();
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return route(topic).partitionsFor(topic);
    }

    /**
     * The metrics of the output producer, which carries the stage's results: Kafka Streams reads some of them by
     * name and expects one value each (the input producer's are not merged in).
     */
    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return output.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return output.clientInstanceId(timeout);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        output.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        output.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Override
    public void close(Duration timeout) {
        try {
            output.close(timeout);
        } finally {
            Producer<byte[], byte[]> p = input;
            if (p != null) {
                p.close(timeout);
            }
        }
    }

    @Override
    public void initTransactions() {
        throw transactions();
    }

    @Override
    public void beginTransaction() {
        throw transactions();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets,
                                         ConsumerGroupMetadata groupMetadata) {
        throw transactions();
    }

    @Override
    public void commitTransaction() {
        throw transactions();
    }

    @Override
    public void abortTransaction() {
        throw transactions();
    }

    private static UnsupportedOperationException transactions() {
        return new UnsupportedOperationException(
                "stages run at-least-once: a producer across two buffers cannot take part in transactions");
    }
}
