package uk.ac.lsst.pipeline.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of some topics of one Kafka cluster, read from the beginning without a consumer group and counted
 * by the alert it is about: the key "survey:alertId" of {@link ReplayedAlerts#key}, from the record's JSON fields
 * {@code survey} and {@code alertId} (the crossmatch, thumbnail and hit records all carry them). Records that are not
 * such JSON are counted under "unreadable". Not thread-safe.
 */
final class OutputTopics implements AutoCloseable {
    static final String UNREADABLE = "unreadable";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();

    OutputTopics(String bootstrap, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "compose-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions at " + bootstrap
                        + " (expected the topics pipeline-init creates)");
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            counts.put(topic, new HashMap<>());
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the end of every partition as it is now; fails when that takes longer than {@code within}. */
    void catchUp(Duration within) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, within);
        long deadline = System.nanoTime() + within.toNanos();
        while (!reached(ends)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("reading " + partitions.size() + " partitions up to " + ends
                        + " took longer than " + within);
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                counts.get(r.topic()).merge(alertKey(r.value()), 1, Integer::sum);
            }
        }
    }

    /** Records read so far from the topic, by alert key. */
    Map<String, Integer> counts(String topic) {
        return Map.copyOf(counts.get(topic));
    }

    /** Records read so far from the topic. */
    long records(String topic) {
        return counts.get(topic).values().stream().mapToLong(Integer::longValue).sum();
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String alertKey(byte[] value) {
        try {
            JsonNode json = JSON.readTree(value);
            if (json == null || !json.path("survey").isTextual() || !json.path("alertId").canConvertToLong()) {
                return UNREADABLE;
            }
            return ReplayedAlerts.key(json.get("survey").asText(), json.get("alertId").asLong());
        } catch (IOException e) {
            return UNREADABLE;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
