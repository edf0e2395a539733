package uk.ac.lsst.pipeline.stage;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import uk.ac.lsst.pipeline.config.BufferSettings;

/**
 * Gives a Kafka Streams application its clients so that it reads one buffer and writes another: consumers, the
 * admin client (and with them any internal topics) stay on the input buffer that Streams was configured with,
 * while the producer writes results to the output buffer with that buffer's own security settings and records of
 * internal topics (state store changelogs) to the input buffer, where Streams restores from them
 * ({@link InternalTopicRouter}).
 *
 * <p>With at-least-once processing Streams commits consumer offsets (on the input buffer) only after flushing the
 * producer, i.e. after the output buffer acknowledged every result: nothing is lost, duplicates are possible.
 */
public final class CrossBufferClientSupplier implements KafkaClientSupplier {
    private final String applicationId;
    private final BufferSettings output;

    /**
     * @param applicationId the Streams application id (prefix of its internal topics)
     * @param output        the buffer results are written to
     */
    public CrossBufferClientSupplier(String applicationId, BufferSettings output) {
        this.applicationId = applicationId;
        this.output = output;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Map<String, Object> internal = new HashMap<>(config);
        Object clientId = internal.get(ProducerConfig.CLIENT_ID_CONFIG);
        if (clientId != null) {
            internal.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-internal");
        }
        return new InternalTopicRouter(applicationId,
                new KafkaProducer<>(producerConfig(config), new ByteArraySerializer(), new ByteArraySerializer()),
                () -> new KafkaProducer<>(internal, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** The producer config Streams asked for, re-pointed at the output buffer. */
    Map<String, Object> producerConfig(Map<String, Object> config) {
        Map<String, Object> producer = new HashMap<>(config);
        producer.keySet().removeIf(BufferSettings::isSecurityProperty);
        producer.putAll(output.clientProperties());
        return producer;
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
