package uk.ac.lsst.pipeline.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.text.Counts;

/**
 * Moves a stopped stage's committed offsets on its input topics to the earliest or latest offsets or to a time, so
 * that it re-processes (or skips) part of the buffer when it starts again.
 */
public final class Rewind {

    /** Where to: {@code earliest}, {@code latest}, an instant ({@code 2026-11-26T18:00:00Z}) or a duration ago. */
    public record Target(String text, OffsetSpec spec, Long timestampMs) {
        public static Target parse(String text, Instant now) {
            String t = text.trim();
            if (t.equalsIgnoreCase("earliest")) {
                return new Target(t, OffsetSpec.earliest(), null);
            }
            if (t.equalsIgnoreCase("latest")) {
                return new Target(t, OffsetSpec.latest(), null);
            }
            try {
                long ms = Instant.parse(t).toEpochMilli();
                return new Target(t, OffsetSpec.forTimestamp(ms), ms);
            } catch (DateTimeParseException notInstant) {
                try {
                    long ms = now.minus(Duration.parse(t)).toEpochMilli();
                    return new Target(t, OffsetSpec.forTimestamp(ms), ms);
                } catch (DateTimeParseException notDuration) {
                    throw new IllegalArgumentException("--to '" + text + "' is invalid: expected earliest, latest, "
                            + "an instant such as 2026-11-26T18:00:00Z, or a duration ago such as PT6H");
                }
            }
        }
    }

    /** One partition's move. */
    public record Move(String partition, Long from, long to) {
    }

    private Rewind() {
    }

    /**
     * Computes (and unless {@code dryRun}, commits) the new offsets of a stage's group.
     *
     * @throws OpsException if the group has active members, or the buffer fails
     */
    public static List<Move> run(PipelineSpec spec, String stageName, Target target, boolean dryRun,
                                 Map<String, String> env, Duration timeout) {
        StageSpec stage = spec.stage(stageName);
        try (BufferAdmin admin = new BufferAdmin(spec.buffer(stage.input().buffer()), env, timeout)) {
            ConsumerGroupDescription group = admin.group(stage.group()).orElse(null);
            if (group != null && !group.members().isEmpty()) {
                throw new OpsException("stage " + stageName + " is running: group " + stage.group() + " has "
                        + Counts.of(group.members().size(), "member") + " (" + group.groupState()
                        + "); stop every instance "
                        + "first (docker compose stop " + stageName + ", kubectl scale deployment/" + stageName
                        + " --replicas=0), then rewind");
            }
            if (group != null && group.groupState() != GroupState.EMPTY && group.groupState() != GroupState.DEAD) {
                throw new OpsException("group " + stage.group() + " of stage " + stageName + " is "
                        + group.groupState() + ": expected Empty (stopped) or Dead (never started)");
            }
            Set<String> existing = admin.get(admin.admin().listTopics().names(), "listing topics");
            List<String> topics = StageInputs.topics(stage, existing);
            if (topics.isEmpty()) {
                throw new OpsException("stage " + stageName + " reads no existing topic on buffer "
                        + stage.input().buffer() + ": nothing to rewind");
            }
            List<TopicPartition> tps = new ArrayList<>();
            admin.get(admin.admin().describeTopics(topics).allTopicNames(), "describing topics").forEach((t, d) ->
                    d.partitions().forEach(p -> tps.add(new TopicPartition(t, p.partition()))));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.get(admin.admin()
                    .listConsumerGroupOffsets(stage.group()).partitionsToOffsetAndMetadata(),
                    "reading offsets of group " + stage.group());
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            tps.forEach(tp -> ask.put(tp, target.spec()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found = admin.get(
                    admin.admin().listOffsets(ask).all(), "finding offsets for " + target.text());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = null;
            Map<TopicPartition, OffsetAndMetadata> moves = new TreeMap<>(
                    java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
            for (TopicPartition tp : tps) {
                long offset = found.get(tp).offset();
                if (offset < 0) {
                    // no message at or after that time: start after the last one
                    if (latest == null) {
                        Map<TopicPartition, OffsetSpec> askLatest = new HashMap<>();
                        tps.forEach(p -> askLatest.put(p, OffsetSpec.latest()));
                        latest = admin.get(admin.admin().listOffsets(askLatest).all(), "listing latest offsets");
                    }
                    offset = latest.get(tp).offset();
                }
                moves.put(tp, new OffsetAndMetadata(offset, "rewound to " + target.text()));
            }
            if (!dryRun) {
                admin.get(admin.admin().alterConsumerGroupOffsets(stage.group(), moves).all(),
                        "committing offsets of group " + stage.group());
            }
            List<Move> out = new ArrayList<>();
            moves.forEach((tp, o) -> out.add(new Move(tp.toString(),
                    committed.get(tp) == null ? null : committed.get(tp).offset(), o.offset())));
            return out;
        }
    }
}
