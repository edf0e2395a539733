package uk.ac.lsst.pipeline.buffer;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A topic as a stage wants it to exist on a buffer.
 *
 * @param name              topic name
 * @param partitions        number of partitions (the ceiling of parallelism of whoever reads it)
 * @param replicationFactor replicas per partition, or -1 for the broker's {@code default.replication.factor}
 * @param configs           topic-level configs ({@code retention.ms}, {@code message.timestamp.type}, ...)
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** A topic with the broker's default replication and no special configs. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, (short) -1, Map.of());
    }

    /** The topic as an admin client creates it. */
    public NewTopic toNewTopic() {
        Optional<Short> replication = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
        return new NewTopic(name, Optional.of(partitions), replication).configs(configs);
    }
}
