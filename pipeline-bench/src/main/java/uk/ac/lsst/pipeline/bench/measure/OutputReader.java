package uk.ac.lsst.pipeline.bench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import uk.ac.lsst.pipeline.stage.AlertHeaders;

/**
 * Reads a whole topic once, from the beginning to the end offsets found at the start, without a consumer group,
 * and keeps per record what {@link TopicRecords} holds. The alert id comes from the {@code alert.id} header or
 * else from the JSON field {@code alertId}; the upstream time from the {@code upstream.timestamp} header. Record
 * timestamps are taken as they are (the bench creates the topics it measures with log-append time).
 */
public final class OutputReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OutputReader() {
    }

    /** @param clientProperties how to connect to the topic's buffer: bootstrap servers, security, ... */
    public static TopicRecords read(Map<String, Object> clientProperties, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        TopicRecords records = new TopicRecords(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            end.values().removeIf(v -> v == 0);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!end.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r.timestamp(), Math.max(0, r.serializedValueSize()) + Math.max(0, r.serializedKeySize()),
                            alertId(r), header(r, AlertHeaders.UPSTREAM_TIMESTAMP));
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (end.containsKey(tp) && r.offset() + 1 >= end.get(tp)) {
                        end.remove(tp);
                    }
                }
            }
            if (!end.isEmpty()) {
                throw new IllegalStateException("could not read all of topic " + topic + " within " + timeout);
            }
        }
        return records;
    }

    private static long alertId(ConsumerRecord<byte[], byte[]> r) {
        long fromHeader = header(r, AlertHeaders.ALERT_ID);
        if (fromHeader != -1 || r.value() == null) {
            return fromHeader;
        }
        try {
            JsonNode id = JSON.readTree(r.value()).get("alertId");
            return id == null ? -1 : id.asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long header(ConsumerRecord<byte[], byte[]> r, String name) {
        return AlertHeaders.get(r.headers(), name).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).orElse(-1L);
    }
}
