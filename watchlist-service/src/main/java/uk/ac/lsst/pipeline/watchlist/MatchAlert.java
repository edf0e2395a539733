package uk.ac.lsst.pipeline.watchlist;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.HitConsumer;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.store.WatchlistStore;

/**
 * Matches one decoded alert (with a usable position) against every watch list of the {@link WatchlistStore}'s
 * current index and forwards one {@link WatchlistHit} per source hit, keyed by list id. The alert's record
 * timestamp is its append time on the ingest buffer; hits carry no headers. One instance per stream task (not thread-safe).
 */
final class MatchAlert implements Processor<String, Alert, String, WatchlistHit> {
    private final WatchlistMetrics metrics;
    private final LongSupplier clockMs;
    private final List<Match> matches = new ArrayList<>();
    private final HitConsumer collect = (list, source, separationDeg) -> matches.add(new Match(list, source, separationDeg));
    private ProcessorContext<String, WatchlistHit> context;
    private WatchlistStore store;

    private record Match(ActiveWatchlist list, int source, double separationDeg) {
    }

    MatchAlert(WatchlistMetrics metrics, LongSupplier clockMs) {
        this.metrics = metrics;
        this.clockMs = clockMs;
    }

    @Override
    public void init(ProcessorContext<String, WatchlistHit> context) {
        this.context = context;
        this.store = context.getStateStore(WatchlistStore.NAME);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        matches.clear();
        store.index().match(alert.raDeg(), alert.decDeg(), collect);
        if (matches.isEmpty()) {
            return;
        }
        long appendedAt = record.timestamp();
        long producedAt = clockMs.getAsLong();
        for (Match m : matches) {
            WatchlistHit hit = WatchlistHit.of(m.list(), m.source(), m.separationDeg(), alert, appendedAt, producedAt);
            context.forward(new Record<>(m.list().id(), hit, producedAt));
            metrics.stage().alertOut();
        }
        metrics.hits(matches.size(), producedAt - appendedAt);
        matches.clear();
    }
}
