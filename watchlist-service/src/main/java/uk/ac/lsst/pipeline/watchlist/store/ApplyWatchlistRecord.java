package uk.ac.lsst.pipeline.watchlist.store;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;

/**
 * The global processor that feeds the {@link WatchlistStore} from the watch-lists topic, on Kafka Streams' global
 * thread. A record that cannot be read is logged with its offset and counted, never fatal.
 *
 * <p>Kafka Streams creates one instance to re-read the topic at start-up and then initialises another for live
 * updates; the {@link #init} of that one comes after the re-read, and indexes the lists synchronously, before any
 * stream thread starts matching. Not thread-safe (global thread only).
 */
public final class ApplyWatchlistRecord implements Processor<String, byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(ApplyWatchlistRecord.class);

    private final WatchlistMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private WatchlistStore store;

    public ApplyWatchlistRecord(WatchlistMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(WatchlistStore.NAME);
        store.refreshNow();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            store.apply(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            metrics.rejectedRecord();
            String where = context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                    .orElse("?");
            log.warn("ignored unreadable watch-list record {} (key '{}'): {}", where, record.key(), e.getMessage());
        }
    }
}
