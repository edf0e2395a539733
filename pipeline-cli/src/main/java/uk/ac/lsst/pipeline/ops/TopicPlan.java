package uk.ac.lsst.pipeline.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.text.Counts;

/**
 * What {@code pipeline apply} would change on every managed buffer of a pipeline file: topics to create, partitions
 * to add, topic configs to alter, and changes Kafka cannot make (fewer partitions, another replication factor),
 * which are refused. Computing a plan changes nothing; {@link #apply} makes the changes, refusing all of them if any
 * is refused, so that nothing is half-applied.
 */
public final class TopicPlan {

    /** One difference between the file and a buffer. */
    public record Change(String buffer, Kind kind, String topic, String detail) {
        @Override
        public String toString() {
            return switch (kind) {
                case CREATE -> "+ create   " + buffer + "/" + topic + "  " + detail;
                case ADD_PARTITIONS -> "~ grow     " + buffer + "/" + topic + "  " + detail;
                case ALTER_CONFIG -> "~ config   " + buffer + "/" + topic + "  " + detail;
                case REFUSED -> "! refused  " + buffer + "/" + topic + "  " + detail;
            };
        }
    }

    public enum Kind { CREATE, ADD_PARTITIONS, ALTER_CONFIG, REFUSED }

    private final PipelineSpec spec;
    private final List<Change> changes;
    private final Map<String, List<TopicSpec>> creates;
    private final Map<String, Map<String, Integer>> grows;
    private final Map<String, Map<String, Map<String, String>>> alters;

    private TopicPlan(PipelineSpec spec, List<Change> changes, Map<String, List<TopicSpec>> creates,
                      Map<String, Map<String, Integer>> grows, Map<String, Map<String, Map<String, String>>> alters) {
        this.spec = spec;
        this.changes = List.copyOf(changes);
        this.creates = creates;
        this.grows = grows;
        this.alters = alters;
    }

    /**
     * Compares the file with every managed buffer.
     *
     * @throws OpsException if a buffer does not answer (naming it)
     */
    public static TopicPlan compute(PipelineSpec spec, Map<String, String> env, Duration timeout) {
        List<Change> changes = new ArrayList<>();
        Map<String, List<TopicSpec>> creates = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> grows = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, String>>> alters = new LinkedHashMap<>();
        for (BufferSpec buffer : spec.buffers().values()) {
            if (!buffer.managed() || buffer.topics().isEmpty()) {
                continue;
            }
            try (BufferAdmin admin = new BufferAdmin(buffer, env, timeout)) {
                Set<String> existing = admin.get(admin.admin().listTopics().names(), "listing topics");
                List<String> present = buffer.topics().keySet().stream().filter(existing::contains).toList();
                Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
                        : admin.get(admin.admin().describeTopics(present).allTopicNames(), "describing topics");
                Map<ConfigResource, Config> configs = present.isEmpty() ? Map.of()
                        : admin.get(admin.admin().describeConfigs(present.stream()
                                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all(),
                        "reading topic configs");
                for (TopicSpec topic : buffer.topics().values()) {
                    TopicDescription d = described.get(topic.name());
                    if (d == null) {
                        creates.computeIfAbsent(buffer.name(), b -> new ArrayList<>()).add(topic);
                        changes.add(new Change(buffer.name(), Kind.CREATE, topic.name(), describe(topic)));
                        continue;
                    }
                    compare(buffer, topic, d, configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())),
                            changes, grows, alters);
                }
            }
        }
        return new TopicPlan(spec, changes, creates, grows, alters);
    }

    private static void compare(BufferSpec buffer, TopicSpec topic, TopicDescription d, Config config,
                                List<Change> changes, Map<String, Map<String, Integer>> grows,
                                Map<String, Map<String, Map<String, String>>> alters) {
        int actual = d.partitions().size();
        if (topic.partitions() > actual) {
            grows.computeIfAbsent(buffer.name(), b -> new LinkedHashMap<>()).put(topic.name(), topic.partitions());
            changes.add(new Change(buffer.name(), Kind.ADD_PARTITIONS, topic.name(), "partitions " + actual + " -> "
                    + topic.partitions() + " (keys move to new partitions: per-object order holds only from now on)"));
        } else if (topic.partitions() < actual) {
            changes.add(new Change(buffer.name(), Kind.REFUSED, topic.name(), "the file asks for " + topic.partitions()
                    + " partitions, the topic has " + actual + ": Kafka cannot remove partitions; raise the file's "
                    + "number to " + actual + ", or delete and recreate the topic (losing its data)"));
        }
        int replicas = d.partitions().get(0).replicas().size();
        if (topic.replicationFactor() > 0 && topic.replicationFactor() != replicas) {
            changes.add(new Change(buffer.name(), Kind.REFUSED, topic.name(), "the file asks for replication factor "
                    + topic.replicationFactor() + ", the topic has " + replicas + ": apply does not move replicas; "
                    + "use kafka-reassign-partitions.sh"));
        }
        for (Map.Entry<String, String> e : topic.configs().entrySet()) {
            String current = Optional.ofNullable(config).map(c -> c.get(e.getKey())).map(ConfigEntry::value)
                    .orElse(null);
            if (!e.getValue().equals(current)) {
                alters.computeIfAbsent(buffer.name(), b -> new LinkedHashMap<>())
                        .computeIfAbsent(topic.name(), t -> new LinkedHashMap<>()).put(e.getKey(), e.getValue());
                changes.add(new Change(buffer.name(), Kind.ALTER_CONFIG, topic.name(), e.getKey() + " " + current
                        + " -> " + e.getValue()));
            }
        }
    }

    private static String describe(TopicSpec t) {
        return "partitions " + t.partitions() + ", replication "
                + (t.replicationFactor() < 0 ? "broker default" : String.valueOf(t.replicationFactor()))
                + (t.configs().isEmpty() ? "" : ", " + new java.util.TreeMap<>(t.configs()));
    }

    public List<Change> changes() {
        return changes;
    }

    public List<Change> refused() {
        return changes.stream().filter(c -> c.kind() == Kind.REFUSED).toList();
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * Makes the planned changes on every buffer, then waits until new topics take writes.
     *
     * @throws OpsException if any change is refused (nothing is changed then) or a buffer fails
     */
    public void apply(Map<String, String> env, Duration timeout) {
        if (!refused().isEmpty()) {
            throw new OpsException("nothing applied: " + Counts.of(refused().size(), "change") + " refused:\n  "
                    + String.join("\n  ", refused().stream().map(Change::toString).toList()));
        }
        Set<String> buffers = new java.util.LinkedHashSet<>();
        buffers.addAll(creates.keySet());
        buffers.addAll(grows.keySet());
        buffers.addAll(alters.keySet());
        for (String name : buffers) {
            try (BufferAdmin admin = new BufferAdmin(spec.buffer(name), env, timeout)) {
                List<TopicSpec> toCreate = creates.getOrDefault(name, List.of());
                if (!toCreate.isEmpty()) {
                    admin.get(admin.admin().createTopics(toCreate.stream().map(TopicSpec::toNewTopic).toList()).all(),
                            "creating topics " + toCreate.stream().map(TopicSpec::name).toList());
                }
                Map<String, NewPartitions> more = new HashMap<>();
                grows.getOrDefault(name, Map.of()).forEach((t, n) -> more.put(t, NewPartitions.increaseTo(n)));
                if (!more.isEmpty()) {
                    admin.get(admin.admin().createPartitions(more).all(), "adding partitions to " + more.keySet());
                }
                Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
                alters.getOrDefault(name, Map.of()).forEach((t, c) -> ops.put(
                        new ConfigResource(ConfigResource.Type.TOPIC, t), c.entrySet().stream()
                                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()),
                                        AlterConfigOp.OpType.SET)).toList()));
                if (!ops.isEmpty()) {
                    admin.get(admin.admin().incrementalAlterConfigs(ops).all(), "altering configs of "
                            + alters.get(name).keySet());
                }
                List<String> ready = new ArrayList<>(toCreate.stream().map(TopicSpec::name).toList());
                ready.addAll(more.keySet());
                if (!ready.isEmpty()) {
                    new TopicAdmin(admin.admin(), timeout).awaitReady(ready);
                }
            }
        }
    }
}
