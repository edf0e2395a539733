package uk.ac.lsst.pipeline.watchlist.store;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.StoreBuilder;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;

/** Builds the {@link WatchlistStore} for Kafka Streams: never logged (the watch-lists topic is its source), never cached. */
public final class WatchlistStoreBuilder implements StoreBuilder<WatchlistStore> {
    private final Duration debounce;
    private final Duration maxDelay;
    private final WatchlistMetrics metrics;

    /**
     * @param debounce quiet time after a change before the index is rebuilt (zero: rebuild at once, synchronously)
     * @param maxDelay longest time from a change to the rebuild while changes keep coming
     */
    public WatchlistStoreBuilder(Duration debounce, Duration maxDelay, WatchlistMetrics metrics) {
        this.debounce = debounce;
        this.maxDelay = maxDelay;
        this.metrics = metrics;
    }

    @Override
    public StoreBuilder<WatchlistStore> withCachingEnabled() {
        throw new UnsupportedOperationException("the watch-list store has no cache");
    }

    @Override
    public StoreBuilder<WatchlistStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<WatchlistStore> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the watch-list store is a global store read from its topic");
    }

    @Override
    public StoreBuilder<WatchlistStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public WatchlistStore build() {
        return new WatchlistStore(WatchlistStore.NAME, debounce, maxDelay, metrics);
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return WatchlistStore.NAME;
    }
}
