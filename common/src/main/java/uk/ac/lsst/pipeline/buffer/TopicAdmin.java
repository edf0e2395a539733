package uk.ac.lsst.pipeline.buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics that are missing on a buffer and waits until they can take writes.
 *
 * <p>Waiting matters: an idempotent producer started right after {@code createTopics} can lose its first batch
 * and hang (KAFKA-15591), so {@link #awaitReady} blocks until {@code listOffsets} answers for every partition.
 * Not thread-safe beyond what {@link Admin} is; one per caller.
 */
public final class TopicAdmin {
    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    private final Admin admin;
    private final Duration timeout;

    public TopicAdmin(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * Creates every topic of {@code specs} that does not exist yet (existing ones are left as they are, even when
     * their partition count differs: that is logged), then waits until all of them are ready.
     *
     * @return the names of the topics this call created
     */
    public List<String> ensure(Collection<TopicSpec> specs) {
        List<String> created = new ArrayList<>();
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicSpec> missing = specs.stream().filter(s -> !existing.contains(s.name())).toList();
            for (TopicSpec spec : missing) {
                try {
                    admin.createTopics(List.of(spec.toNewTopic())).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    created.add(spec.name());
                    log.info("created topic {} with {} partitions, configs {}", spec.name(), spec.partitions(),
                            spec.configs());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            warnAboutPartitionMismatch(specs, existing);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + names(specs) + ": " + rootMessage(e), e);
        }
        awaitReady(names(specs));
        return created;
    }

    /** Blocks until every partition of every named topic has a leader that answers {@code listOffsets}. */
    public void awaitReady(Collection<String> topics) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                descriptions.values().forEach(d -> d.partitions().forEach(
                        p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topics " + topics, e);
            } catch (ExecutionException | TimeoutException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    last = e;
                }
                pause();
            }
        }
        throw new IllegalStateException("topics " + topics + " were not ready within " + timeout
                + (last == null ? "" : ": " + rootMessage(last)));
    }

    /** The partition count of each named topic that exists. */
    public Map<String, Integer> partitions(Collection<String> topics) {
        try {
            return admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not describe topics " + topics + ": " + rootMessage(e), e);
        }
    }

    /** The end offset (the number of records ever written, for a topic never compacted) of every partition. */
    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS).values()
                    .forEach(d -> d.partitions().forEach(
                            p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, info) -> offsets.put(tp, info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets of " + topics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read end offsets of " + topics + ": " + rootMessage(e), e);
        }
    }

    /**
     * How far a consumer group is behind on the topics: end offsets minus the group's committed offsets, summed
     * over partitions (a partition the group has not committed counts from its start, i.e. 0).
     */
    public long lag(String groupId, Collection<String> topics) {
        Map<TopicPartition, Long> ends = endOffsets(topics);
        try {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                var c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets of group " + groupId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read offsets of group " + groupId + ": " + rootMessage(e), e);
        }
    }

    private void warnAboutPartitionMismatch(Collection<TopicSpec> specs, Set<String> existing) {
        List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        if (present.isEmpty()) {
            return;
        }
        Map<String, Integer> actual = partitions(present);
        for (TopicSpec spec : specs) {
            Integer n = actual.get(spec.name());
            if (n != null && n != spec.partitions()) {
                log.warn("topic {} exists with {} partitions, settings ask for {}; leaving it as it is",
                        spec.name(), n, spec.partitions());
            }
        }
    }

    private static List<String> names(Collection<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).toList();
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
