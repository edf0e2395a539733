package uk.ac.lsst.pipeline.watchlist.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistCatalog;

/**
 * The global state store of the watch-list stage: every watch list of the compacted watch-lists topic, held in
 * memory, and the {@link WatchlistIndex} that alerts are matched against.
 *
 * <p>Kafka Streams feeds it from the topic on its global thread ({@link ApplyWatchlistRecord}): at start-up it
 * re-reads the whole topic before any stream thread runs (the store is not persistent, so nothing is checkpointed),
 * then it applies changes as they arrive. The index is rebuilt off the global thread by an indexer thread,
 * debounced: once changes stop for {@code debounce}, and at the latest {@code maxDelay} after the first change of a
 * burst; the new index then replaces the old one in one atomic swap, so matching never pauses and never sees half a
 * list. With a zero debounce the index is rebuilt at once on the calling thread (tests).
 *
 * <p>Thread-safety: {@link #apply} is called by one thread (the global thread); {@link #index} by any number of
 * stream threads, lock-free.
 */
public final class WatchlistStore implements StateStore {
    /** The store's name in the topology. */
    public static final String NAME = "watchlists-store";
    private static final Logger log = LoggerFactory.getLogger(WatchlistStore.class);

    private final String name;
    private final Duration debounce;
    private final Duration maxDelay;
    private final WatchlistMetrics metrics;
    private final AtomicReference<WatchlistIndex> index = new AtomicReference<>(WatchlistIndex.empty());
    private final Object lock = new Object();
    private final Object buildLock = new Object();
    /* guarded by lock */
    private final WatchlistCatalog catalog = new WatchlistCatalog();
    private long firstChangeNanos;
    private long lastChangeNanos;
    private boolean pending;
    private boolean checkScheduled;
    private ScheduledExecutorService indexer;
    private volatile boolean open;

    public WatchlistStore(String name, Duration debounce, Duration maxDelay, WatchlistMetrics metrics) {
        this.name = name;
        this.debounce = debounce;
        this.maxDelay = maxDelay.compareTo(debounce) < 0 ? debounce : maxDelay;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (!debounce.isZero()) {
            indexer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "watchlist-indexer");
                t.setDaemon(true);
                return t;
            });
        }
        open = true;
        // Records are applied by ApplyWatchlistRecord (also while Kafka Streams restores the store), not here.
        context.register(root, (key, value) -> {
        });
    }

    /**
     * Applies one record of the watch-lists topic (global thread only).
     *
     * @throws IllegalArgumentException for a record that is not a valid watch-lists record (nothing changes)
     */
    void apply(String key, byte[] value) {
        boolean changed;
        synchronized (lock) {
            changed = catalog.apply(key, value);
            if (changed) {
                long now = System.nanoTime();
                lastChangeNanos = now;
                if (!pending) {
                    pending = true;
                    firstChangeNanos = now;
                }
            }
        }
        if (changed) {
            if (indexer == null) {
                rebuild();
            } else {
                scheduleCheck(debounce.toNanos());
            }
        }
    }

    /** The index to match against now: always a whole, consistent snapshot. Lock-free. */
    public WatchlistIndex index() {
        return index.get();
    }

    /** The active lists as the store holds them now (may be newer than {@link #index()}). */
    public List<ActiveWatchlist> activeLists() {
        synchronized (lock) {
            return catalog.active();
        }
    }

    /**
     * Rebuilds the index now if it lags behind the lists, on the calling thread; the global processor calls this
     * once the topic has been read at start-up, so that stream threads start with every list indexed.
     *
     * @throws RuntimeException when the index cannot be built
     */
    void refreshNow() {
        build();
    }

    private void scheduleCheck(long delayNanos) {
        synchronized (lock) {
            if (checkScheduled || indexer == null || indexer.isShutdown()) {
                return;
            }
            checkScheduled = true;
        }
        indexer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** On the indexer: rebuild when changes have paused for the debounce, or the burst is older than maxDelay. */
    private void check() {
        long wait;
        synchronized (lock) {
            checkScheduled = false;
            if (!pending) {
                return;
            }
            long now = System.nanoTime();
            long due = Math.min(lastChangeNanos + debounce.toNanos(), firstChangeNanos + maxDelay.toNanos());
            wait = due - now;
        }
        if (wait > 0) {
            scheduleCheck(wait);
        } else {
            rebuild();
        }
    }

    /** Rebuilds on the indexer; a failure keeps the previous index (and is retried on the next change). */
    private void rebuild() {
        try {
            build();
        } catch (RuntimeException e) {
            log.error("could not rebuild the watch-list index; matching goes on with the previous one: {}",
                    e.toString(), e);
        }
    }

    private void build() {
        synchronized (buildLock) {
            List<ActiveWatchlist> lists;
            long version;
            synchronized (lock) {
                if (!pending && catalog.version() == index.get().version()) {
                    return;
                }
                lists = catalog.active();
                version = catalog.version();
                pending = false;
            }
            long start = System.nanoTime();
            WatchlistIndex built = WatchlistIndex.build(lists, version);
            long nanos = System.nanoTime() - start;
            index.set(built);
            metrics.indexed(built, nanos);
            log.info("watch-list index rebuilt: {} lists, {} sources in {} ms", built.listCount(), built.coneCount(),
                    nanos / 1_000_000);
        }
    }

    @Override
    public void close() {
        open = false;
        if (indexer != null) {
            indexer.shutdownNow();
        }
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
