package uk.ac.lsst.pipeline.bench.reference;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.mirror.MirrorMaker;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.bench.buffer.RunNames;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * MirrorMaker 2 ({@code connect-mirror}, dedicated mode, in this JVM) mirroring topics from one buffer to another,
 * the reference for buffer-ingest. Heartbeats and checkpoints are emitted once an hour and no configs, ACLs or
 * group offsets are synced, so nearly all of its work is the mirroring. It connects to each buffer with the
 * buffer's client properties, and everything it makes has the run's names ({@link RunNames}): the cluster aliases
 * (so its worker group is {@code <prefix>upstream-mm2}, the target topics {@code <prefix>upstream.<topic>} and its
 * checkpoints topic {@code <prefix>upstream.checkpoints.internal}), its offset, status and config topics and,
 * through {@link RunReplicationPolicy}, its heartbeats and offset-syncs topics. The target topics are created
 * beforehand with the source's partitions and log-append time, so that their record timestamps say when each record
 * arrived. Not thread-safe.
 */
public final class MirrorMaker2 {
    public static final String SOURCE = "upstream";
    public static final String TARGET = "ingest";

    private MirrorMaker2() {
    }

    /** The name MirrorMaker 2 gives to {@code topic} on the target. */
    public static String targetTopic(RunNames names, String topic) {
        return names.of(SOURCE) + "." + topic;
    }

    /**
     * Mirrors {@code topics} until the target topics hold {@code records} records (or the timeout), then stops.
     *
     * @param tasks MirrorSourceConnector tasks (the stream threads buffer-ingest had)
     * @return seconds from the start of MirrorMaker 2 until the last record arrived
     */
    public static double mirror(BenchBuffer source, BenchBuffer target, RunNames names, List<String> topics,
                                int partitions, long records, int tasks, Duration timeout) throws Exception {
        List<String> mirrored = topics.stream().map(t -> targetTopic(names, t)).toList();
        target.ensureTopics(mirrored.stream().map(t -> new TopicSpec(t, partitions, (short) -1, Map.of(
                "message.timestamp.type", "LogAppendTime", "max.message.bytes", String.valueOf(5 * 1024 * 1024))))
                .toList());
        long started = System.nanoTime();
        MirrorMaker mm2 = new MirrorMaker(config(source, target, names, topics, tasks), List.of(names.of(TARGET)));
        mm2.start();
        try (Admin admin = target.admin()) {
            TopicAdmin topicAdmin = new TopicAdmin(admin, Duration.ofSeconds(30));
            long deadline = started + timeout.toNanos();
            while (sum(topicAdmin.endOffsets(mirrored)) < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("MirrorMaker 2 mirrored " + sum(topicAdmin.endOffsets(mirrored))
                            + " of " + records + " records within " + timeout);
                }
                Thread.sleep(50);
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            mm2.stop();
            mm2.awaitStop();
        }
    }

    static Map<String, String> config(BenchBuffer source, BenchBuffer target, RunNames names, List<String> topics,
                                      int tasks) {
        String from = names.of(SOURCE);
        String to = names.of(TARGET);
        Map<String, String> c = new HashMap<>();
        c.put("clusters", from + ", " + to);
        source.clientProperties().forEach((k, v) -> c.put(from + "." + k, String.valueOf(v)));
        target.clientProperties().forEach((k, v) -> c.put(to + "." + k, String.valueOf(v)));
        c.put(from + "->" + to + ".enabled", "true");
        c.put(to + "->" + from + ".enabled", "false");
        c.put(from + "->" + to + ".topics", String.join(",", topics));
        c.put("tasks.max", String.valueOf(tasks));
        c.put("emit.heartbeats.interval.seconds", "3600");
        c.put("emit.checkpoints.interval.seconds", "3600");
        c.put("sync.group.offsets.enabled", "false");
        c.put("sync.topic.configs.enabled", "false");
        c.put("sync.topic.acls.enabled", "false");
        c.put("refresh.topics.interval.seconds", "1");
        c.put("replication.policy.class", RunReplicationPolicy.class.getName());
        c.put(RunReplicationPolicy.RUN_PREFIX_CONFIG, names.prefix());
        c.put("offset.storage.topic", names.of("mm2-offsets"));
        c.put("status.storage.topic", names.of("mm2-status"));
        c.put("config.storage.topic", names.of("mm2-configs"));
        // -1: the brokers' default replication
        for (String of : List.of("", "heartbeats.topic.", "checkpoints.topic.", "offset-syncs.topic.",
                "offset.storage.", "status.storage.", "config.storage.")) {
            c.put(of + "replication.factor", "-1");
        }
        c.put("producer.max.request.size", String.valueOf(4 * 1024 * 1024));
        return c;
    }

    private static long sum(Map<?, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
