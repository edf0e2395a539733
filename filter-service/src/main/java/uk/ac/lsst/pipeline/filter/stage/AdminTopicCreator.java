package uk.ac.lsst.pipeline.filter.stage;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * The {@link FilterTopicCreator} of a running stage: creates the topic of each registered filter on the output buffer
 * through an admin client, once: the topics that exist are listed when it is first used, and only missing ones are
 * created. Used from the global thread only (not thread-safe); close it once.
 */
final class AdminTopicCreator implements FilterTopicCreator {
    private static final Logger log = LoggerFactory.getLogger(AdminTopicCreator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Object> clientProperties;
    private final FilterSettings settings;
    private Admin admin;
    private Set<String> existing;

    AdminTopicCreator(Map<String, Object> clientProperties, FilterSettings settings) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.settings = settings;
    }

    /** Creates {@code topic} with the settings' partitions, replication and retention unless it exists. */
    @Override
    public void ensure(String topic) {
        if (admin == null) {
            admin = Admin.create(clientProperties);
            existing = new HashSet<>(listTopics());
        }
        if (existing.contains(topic)) {
            return;
        }
        TopicSpec spec = new TopicSpec(topic, settings.topicPartitions(), settings.topicReplication(),
                Map.of("retention.ms", String.valueOf(settings.topicRetention().toMillis()),
                        // a record's timestamp says when the filter published it, as on the other result topics
                        "message.timestamp.type", "LogAppendTime"));
        new TopicAdmin(admin, TIMEOUT).ensure(List.of(spec));
        existing.add(topic);
        log.info("created topic {} for a new filter", topic);
    }

    private Set<String> listTopics() {
        try {
            return admin.listTopics().names().get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of the output buffer: " + e, e);
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
