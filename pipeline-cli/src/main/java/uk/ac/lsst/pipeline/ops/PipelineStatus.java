package uk.ac.lsst.pipeline.ops;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageSpec;

/**
 * A snapshot of the pipeline: per buffer whether it answers and its brokers; per topic its partitions, messages,
 * size and rate; per stage its group's members, their partitions, lag per partition and in total, and the time to
 * catch up at the current rate. Rates come from two snapshots (see {@link #rates}).
 */
public record PipelineStatus(@JsonSerialize(using = ToStringSerializer.class) Instant at, List<BufferStatus> buffers, List<StageStatus> stages) {

    public record Broker(int id, String address, String rack) {
    }

    public record BufferStatus(String name, String bootstrap, boolean managed, boolean reachable, String error,
                               List<Broker> brokers, Integer controller, List<TopicStatus> topics) {
    }

    /**
     * @param messages      end offset minus start offset, summed over partitions (retained messages)
     * @param endOffset     sum of end offsets (every message ever written)
     * @param bytes         size on disk, all replicas
     * @param ratePerSecond messages written per second since the previous snapshot, or null
     */
    public record TopicStatus(String name, int partitions, long messages, long endOffset, long bytes,
                              Double ratePerSecond) {
    }

    public record Member(String clientId, String host, List<String> partitions) {
    }

    /**
     * @param state            the group's state (Stable, Empty, PreparingRebalance, Dead ...) or "unreachable"
     * @param lag              lag per partition ({@code topic-partition -> messages})
     * @param committed        sum of committed offsets (for rates)
     * @param ratePerSecond    messages consumed per second since the previous snapshot (from commits), or null
     * @param catchUpSeconds   lag / (consumed rate - produced rate), null if it is not catching up
     */
    public record StageStatus(String name, String group, String buffer, List<String> topics, String state,
                              List<Member> members, Map<String, Long> lag, long totalLag, long committed,
                              Double ratePerSecond, Double catchUpSeconds, String error) {
    }

    /** Takes a snapshot of every buffer, topic and stage of the file. */
    public static PipelineStatus collect(PipelineSpec spec, Map<String, String> env, Duration timeout) {
        List<BufferStatus> buffers = new ArrayList<>();
        List<StageStatus> stages = new ArrayList<>();
        Map<String, Map<TopicPartition, Long>> ends = new HashMap<>();
        for (BufferSpec b : spec.buffers().values()) {
            try (BufferAdmin admin = new BufferAdmin(b, env, timeout)) {
                buffers.add(buffer(admin, b, ends));
            } catch (RuntimeException e) {
                buffers.add(new BufferStatus(b.name(), b.bootstrap(), b.managed(), false, e.getMessage(), List.of(),
                        null, List.of()));
            }
        }
        for (StageSpec s : spec.stages().values()) {
            BufferSpec b = spec.buffer(s.input().buffer());
            try (BufferAdmin admin = new BufferAdmin(b, env, timeout)) {
                stages.add(stage(admin, s, ends.getOrDefault(b.name(), Map.of())));
            } catch (RuntimeException e) {
                stages.add(new StageStatus(s.name(), s.group(), b.name(), List.of(), "unreachable", List.of(),
                        Map.of(), 0, 0, null, null, e.getMessage()));
            }
        }
        return new PipelineStatus(Instant.now(), buffers, stages);
    }

    private static BufferStatus buffer(BufferAdmin admin, BufferSpec b, Map<String, Map<TopicPartition, Long>> ends) {
        DescribeClusterResult cluster = admin.admin().describeCluster();
        Collection<Node> nodes = admin.get(cluster.nodes(), "describing the cluster");
        Node controller = admin.get(cluster.controller(), "describing the cluster");
        List<Broker> brokers = nodes.stream().sorted(java.util.Comparator.comparingInt(Node::id))
                .map(n -> new Broker(n.id(), n.host() + ":" + n.port(), n.rack())).toList();
        Set<String> existing = admin.get(admin.admin().listTopics().names(), "listing topics");
        List<String> topics = new ArrayList<>(b.topics().keySet().stream().filter(existing::contains).toList());
        if (!b.managed()) {
            existing.stream().filter(t -> !t.startsWith("_") && !topics.contains(t)).sorted().forEach(topics::add);
        }
        List<TopicStatus> out = new ArrayList<>();
        if (!topics.isEmpty()) {
            Map<String, Integer> partitions = new TreeMap<>();
            admin.get(admin.admin().describeTopics(topics).allTopicNames(), "describing topics")
                    .forEach((t, d) -> partitions.put(t, d.partitions().size()));
            List<TopicPartition> tps = new ArrayList<>();
            partitions.forEach((t, n) -> {
                for (int p = 0; p < n; p++) {
                    tps.add(new TopicPartition(t, p));
                }
            });
            Map<TopicPartition, Long> end = offsets(admin, tps, OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(admin, tps, OffsetSpec.earliest());
            ends.put(b.name(), end);
            Map<String, Long> bytes = sizes(admin, nodes);
            for (String t : topics) {
                long endSum = 0;
                long retained = 0;
                for (int p = 0; p < partitions.get(t); p++) {
                    TopicPartition tp = new TopicPartition(t, p);
                    endSum += end.getOrDefault(tp, 0L);
                    retained += end.getOrDefault(tp, 0L) - start.getOrDefault(tp, 0L);
                }
                out.add(new TopicStatus(t, partitions.get(t), retained, endSum, bytes.getOrDefault(t, 0L), null));
            }
        }
        return new BufferStatus(b.name(), b.bootstrap(), b.managed(), true, null, brokers,
                controller == null ? null : controller.id(), out);
    }

    private static StageStatus stage(BufferAdmin admin, StageSpec s, Map<TopicPartition, Long> knownEnds) {
        java.util.Optional<ConsumerGroupDescription> group = admin.group(s.group());
        List<Member> members = new ArrayList<>();
        for (MemberDescription m : group.map(ConsumerGroupDescription::members).orElse(List.of())) {
            members.add(new Member(m.clientId(), m.host(), m.assignment().topicPartitions().stream()
                    .sorted(java.util.Comparator.comparing(TopicPartition::topic)
                            .thenComparingInt(TopicPartition::partition))
                    .map(TopicPartition::toString).toList()));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.get(admin.admin().listConsumerGroupOffsets(s.group())
                .partitionsToOffsetAndMetadata(), "reading offsets of group " + s.group());
        Set<String> existing = admin.get(admin.admin().listTopics().names(), "listing topics");
        List<String> topics = StageInputs.topics(s, existing);
        List<TopicPartition> tps = new ArrayList<>();
        if (!topics.isEmpty()) {
            admin.get(admin.admin().describeTopics(topics).allTopicNames(), "describing topics").forEach((t, d) ->
                    d.partitions().forEach(p -> tps.add(new TopicPartition(t, p.partition()))));
        }
        Map<TopicPartition, Long> end = new HashMap<>(knownEnds);
        List<TopicPartition> unknown = tps.stream().filter(tp -> !end.containsKey(tp)).toList();
        end.putAll(offsets(admin, unknown, OffsetSpec.latest()));
        Map<TopicPartition, Long> start = offsets(admin, tps, OffsetSpec.earliest());
        Map<String, Long> lag = new TreeMap<>(PipelineStatus::byTopicAndPartition);
        long total = 0;
        long committedSum = 0;
        for (TopicPartition tp : tps) {
            OffsetAndMetadata c = committed.get(tp);
            long position = c == null ? start.getOrDefault(tp, 0L) : c.offset();
            long l = Math.max(0, end.getOrDefault(tp, 0L) - position);
            lag.put(tp.toString(), l);
            total += l;
            committedSum += position;
        }
        return new StageStatus(s.name(), s.group(), s.input().buffer(), topics,
                group.map(g -> g.groupState().toString()).orElse("never started"),
                members, lag, total, committedSum, null, null, null);
    }

    private static int byTopicAndPartition(String a, String b) {
        int ia = a.lastIndexOf('-');
        int ib = b.lastIndexOf('-');
        int topic = a.substring(0, ia).compareTo(b.substring(0, ib));
        return topic != 0 ? topic : Integer.compare(Integer.parseInt(a.substring(ia + 1)),
                Integer.parseInt(b.substring(ib + 1)));
    }

    private static Map<TopicPartition, Long> offsets(BufferAdmin admin, List<TopicPartition> tps, OffsetSpec spec) {
        if (tps.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> r = admin.get(admin.admin().listOffsets(
                tps.stream().collect(Collectors.toMap(tp -> tp, tp -> spec))).all(), "listing offsets");
        Map<TopicPartition, Long> out = new HashMap<>();
        r.forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    private static Map<String, Long> sizes(BufferAdmin admin, Collection<Node> nodes) {
        Map<String, Long> bytes = new HashMap<>();
        Map<Integer, Map<String, LogDirDescription>> dirs = admin.get(admin.admin().describeLogDirs(
                nodes.stream().map(Node::id).toList()).allDescriptions(), "describing log directories");
        dirs.values().forEach(byDir -> byDir.values().forEach(d -> {
            for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
                bytes.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
            }
        }));
        return bytes;
    }

    /**
     * This snapshot with rates computed against an earlier one: messages written per topic, messages committed per
     * stage, and from them each stage's time to catch up.
     */
    public PipelineStatus rates(PipelineStatus earlier) {
        double seconds = Duration.between(earlier.at, at).toMillis() / 1000.0;
        if (seconds <= 0) {
            return this;
        }
        Map<String, Long> previousEnds = new HashMap<>();
        earlier.buffers.forEach(b -> b.topics().forEach(t -> previousEnds.put(b.name() + "/" + t.name(), t.endOffset())));
        Map<String, Double> topicRates = new HashMap<>();
        List<BufferStatus> bs = buffers.stream().map(b -> new BufferStatus(b.name(), b.bootstrap(), b.managed(),
                b.reachable(), b.error(), b.brokers(), b.controller(), b.topics().stream().map(t -> {
                    Long before = previousEnds.get(b.name() + "/" + t.name());
                    Double rate = before == null ? null : Math.max(0, t.endOffset() - before) / seconds;
                    if (rate != null) {
                        topicRates.put(b.name() + "/" + t.name(), rate);
                    }
                    return new TopicStatus(t.name(), t.partitions(), t.messages(), t.endOffset(), t.bytes(), rate);
                }).toList())).toList();
        Map<String, StageStatus> before = earlier.stages.stream()
                .collect(Collectors.toMap(StageStatus::name, s -> s));
        List<StageStatus> ss = stages.stream().map(s -> {
            StageStatus e = before.get(s.name());
            if (e == null || s.error() != null || e.error() != null) {
                return s;
            }
            double consumed = Math.max(0, s.committed() - e.committed()) / seconds;
            double produced = s.topics().stream().mapToDouble(t -> topicRates.getOrDefault(s.buffer() + "/" + t, 0.0))
                    .sum();
            Double catchUp = s.totalLag() == 0 ? Double.valueOf(0)
                    : consumed > produced ? Double.valueOf(s.totalLag() / (consumed - produced)) : null;
            return new StageStatus(s.name(), s.group(), s.buffer(), s.topics(), s.state(), s.members(), s.lag(),
                    s.totalLag(), s.committed(), consumed, catchUp, null);
        }).toList();
        return new PipelineStatus(at, bs, ss);
    }
}
