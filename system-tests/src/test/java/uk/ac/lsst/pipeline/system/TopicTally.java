package uk.ac.lsst.pipeline.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a topic holds, counted by a key taken from each record (an alert id, a hit's identity), read from the
 * beginning to the end offsets of the moment, without a consumer group and without keeping the records (the
 * alerts topic of a long run holds gigabytes). Also: whether a consumer group has committed up to those ends.
 */
final class TopicTally {
    private TopicTally() {
    }

    /** Occurrences of each key in the topic; records for which {@code key} returns null are counted under "". */
    static Map<String, Integer> count(Map<String, Object> client, String topic,
                                      Function<ConsumerRecord<byte[], byte[]>, String> key) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            if (!consumer.listTopics().containsKey(topic)) {
                return counts;
            }
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
            while (!end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String k = key.apply(r);
                    counts.merge(k == null ? "" : k, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** Records in the topic now (sum of end minus start offsets). */
    static long size(Admin admin, String topic) throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = partitions(admin, topic);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(
                toSpec(partitions, OffsetSpec.latest())).all().get();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = admin.listOffsets(
                toSpec(partitions, OffsetSpec.earliest())).all().get();
        return partitions.stream().mapToLong(p -> end.get(p).offset() - start.get(p).offset()).sum();
    }

    /** Records of the topic not yet committed by the group (the group's lag); the whole topic if it has none. */
    static long lag(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = partitions(admin, topic);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = admin.listOffsets(
                toSpec(partitions, OffsetSpec.latest())).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            lag += end.get(p).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static Set<TopicPartition> partitions(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = new java.util.HashSet<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        return partitions;
    }

    private static Map<TopicPartition, OffsetSpec> toSpec(Set<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> m = new HashMap<>();
        partitions.forEach(p -> m.put(p, spec));
        return m;
    }
}
