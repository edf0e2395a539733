package uk.ac.lsst.pipeline.buffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.config.TopicUse;

/**
 * Checks, before a stage starts, that the topics it reads and writes exist on their buffers with the partitions it
 * expects. Stages never create their topics: the pipeline file owns their configuration and {@code pipeline apply}
 * (or a deployment's init job) creates them. Stateless.
 */
public final class TopicCheck {
    private TopicCheck() {
    }

    /**
     * @return one line per topic of {@code uses} that is missing on the buffer or has other partitions than
     *         expected; empty when all is well
     * @throws BufferCheck.BufferUnavailableException when the buffer does not answer within the timeout
     */
    public static List<String> problems(BufferSettings buffer, Collection<TopicUse> uses, Duration timeout) {
        if (uses.isEmpty()) {
            return List.of();
        }
        Map<String, Object> config = new HashMap<>(buffer.clientProperties());
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        String where = "the " + buffer.prefix().toLowerCase(java.util.Locale.ROOT) + " buffer at "
                + buffer.bootstrapServers();
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(ms, TimeUnit.MILLISECONDS);
            List<String> present = uses.stream().map(TopicUse::name).filter(existing::contains).distinct().toList();
            Map<String, TopicDescription> described = present.isEmpty() ? Map.of()
                    : admin.describeTopics(present).allTopicNames().get(ms, TimeUnit.MILLISECONDS);
            List<String> problems = new ArrayList<>();
            for (TopicUse use : uses) {
                TopicDescription d = described.get(use.name());
                if (d == null) {
                    problems.add("topic " + use.name() + " (" + use.role() + ") does not exist on " + where);
                } else if (use.partitions() > 0 && d.partitions().size() != use.partitions()) {
                    problems.add("topic " + use.name() + " (" + use.role() + ") on " + where + " has "
                            + d.partitions().size() + " partitions: expected " + use.partitions());
                }
            }
            return problems;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BufferCheck.BufferUnavailableException("interrupted while listing the topics of " + where, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BufferCheck.BufferUnavailableException("could not list the topics of " + where + ": "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
    }
}
