package uk.ac.lsst.pipeline.bench.buffer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;

/**
 * Removes what a run made on buffers it shares with others: every topic and consumer group whose name the run's
 * prefix marks as its own ({@link RunNames#owns}), on each cluster once (buffers with the same bootstrap are one
 * cluster). Runs once, on the first {@link #close()}. What cannot be deleted is named on {@code out}, never thrown.
 * Thread-safe.
 */
final class RunCleanup implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, BenchBuffer> clusters = new LinkedHashMap<>();
    private final RunNames names;
    private final PrintStream out;
    private final AtomicBoolean done = new AtomicBoolean();

    RunCleanup(List<BenchBuffer> buffers, RunNames names, PrintStream out) {
        buffers.forEach(b -> clusters.putIfAbsent(b.bootstrapServers(), b));
        this.names = names;
        this.out = out;
    }

    @Override
    public void close() {
        if (done.getAndSet(true)) {
            return;
        }
        for (BenchBuffer buffer : clusters.values()) {
            try (Admin admin = buffer.admin()) {
                List<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .stream().filter(names::owns).sorted().toList();
                admin.deleteTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                List<String> groups = new ArrayList<>();
                for (GroupListing g : admin.listGroups().all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    if (names.owns(g.groupId())) {
                        groups.add(g.groupId());
                    }
                }
                admin.deleteConsumerGroups(groups).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                out.printf("Deleted this run's %d topic(s) and %d consumer group(s) from buffer %s (%s)%n",
                        topics.size(), groups.size(), buffer.name(), buffer.bootstrapServers());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notDeleted(buffer, e);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                notDeleted(buffer, e instanceof ExecutionException ? e.getCause() : e);
            }
        }
    }

    private void notDeleted(BenchBuffer buffer, Throwable e) {
        out.printf("Could not delete all of this run's topics and consumer groups from buffer %s (%s): %s; "
                + "delete those starting with %s by hand%n", buffer.name(), buffer.bootstrapServers(), e.getMessage(),
                names.prefix());
    }
}
