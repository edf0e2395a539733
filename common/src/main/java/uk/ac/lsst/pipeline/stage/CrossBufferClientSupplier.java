package uk.ac.lsst.pipeline.stage;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;
import uk.ac.lsst.pipeline.config.BufferSettings;

/**
 * Gives a Kafka Streams application its clients so that it reads one buffer and writes another: consumers, the
 * admin client (and with them any internal topics) stay on the input buffer that Streams was configured with,
 * while the producer is pointed at the output buffer with that buffer's own security settings.
 *
 * <p>With at-least-once processing Streams commits consumer offsets (on the input buffer) only after flushing the
 * producer, i.e. after the output buffer acknowledged every result: nothing is lost, duplicates are possible.
 */
public final class CrossBufferClientSupplier implements KafkaClientSupplier {
    private final BufferSettings output;

    public CrossBufferClientSupplier(BufferSettings output) {
        this.output = output;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(producerConfig(config), new ByteArraySerializer(), new ByteArraySerializer());
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
