package uk.ac.lsst.pipeline.local.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;

/**
 * Counts acknowledged and failed sends as the producer reports them, and keeps the first few distinct failure
 * messages. Thread-safe: callbacks run on the producer's I/O thread, readers on the replay thread.
 */
final class DeliveryTally {
    static final int MAX_SAMPLES = 5;

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> samples = new ArrayList<>();

    /** A callback for one send of the alert described by {@code what} (used in failure messages). */
    Callback callbackFor(String what) {
        return (metadata, exception) -> {
            if (exception == null) {
                acknowledged.incrementAndGet();
            } else {
                fail(what, exception);
            }
        };
    }

    /** Records a failure that happened before or instead of a send. */
    void fail(String what, Throwable cause) {
        failed.incrementAndGet();
        String message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        synchronized (samples) {
            if (samples.size() < MAX_SAMPLES && samples.stream().noneMatch(s -> s.endsWith(message))) {
                samples.add(what + ": " + message);
            }
        }
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long failed() {
        return failed.get();
    }

    List<String> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }
}
