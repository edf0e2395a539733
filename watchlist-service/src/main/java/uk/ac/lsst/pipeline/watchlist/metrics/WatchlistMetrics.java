package uk.ac.lsst.pipeline.watchlist.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;

/**
 * The watch-list stage's own meters, tagged with the stage, beside {@link StageMetrics}' counters:
 * <pre>
 * pipeline_watchlist_hits_total                      hits written
 * pipeline_watchlist_lists, pipeline_watchlist_cones lists and sources in the index that alerts are matched against
 * pipeline_watchlist_index_rebuild_seconds           time to rebuild the index after lists changed
 * pipeline_watchlist_match_latency_seconds           alert appended to the ingest buffer -> its hits produced
 *                                                    (a summary: quantiles 0.5, 0.95, 0.99, 0.999 over the
 *                                                    last 5 minutes, count, sum, max)
 * pipeline_watchlist_records_rejected_total          records of the watch-lists topic that could not be read
 * </pre>
 * Create one per registry. Thread-safe.
 */
public final class WatchlistMetrics {
    private final StageMetrics stage;
    private final Counter hits;
    private final Counter rejected;
    private final Timer rebuild;
    private final Timer latency;
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong cones = new AtomicLong();

    public WatchlistMetrics(StageMetrics stage) {
        this.stage = stage;
        MeterRegistry registry = stage.registry();
        String name = stage.stage();
        hits = Counter.builder("pipeline.watchlist.hits").description("watch-list hits written")
                .tag("stage", name).register(registry);
        rejected = Counter.builder("pipeline.watchlist.records.rejected")
                .description("records of the watch-lists topic that could not be read").tag("stage", name)
                .register(registry);
        rebuild = Timer.builder("pipeline.watchlist.index.rebuild")
                .description("time to rebuild the sky index after watch lists changed").tag("stage", name)
                .register(registry);
        latency = Timer.builder("pipeline.watchlist.match.latency")
                .description("from an alert's append to the ingest buffer to its watch-list hits being produced")
                .tag("stage", name)
                .publishPercentiles(0.5, 0.95, 0.99, 0.999)
                .distributionStatisticExpiry(Duration.ofMinutes(5))
                .register(registry);
        Gauge.builder("pipeline.watchlist.lists", lists, AtomicLong::get).description("watch lists being matched")
                .tag("stage", name).strongReference(true).register(registry);
        Gauge.builder("pipeline.watchlist.cones", cones, AtomicLong::get)
                .description("watch-list sources (cones) being matched").tag("stage", name).strongReference(true)
                .register(registry);
    }

    public StageMetrics stage() {
        return stage;
    }

    /** One alert produced {@code count} hits, {@code latencyMs} after its append to the ingest buffer. */
    public void hits(int count, long latencyMs) {
        hits.increment(count);
        latency.record(Math.max(0, latencyMs), TimeUnit.MILLISECONDS);
    }

    /** A new index is in use; building it took {@code nanos}. */
    public void indexed(WatchlistIndex index, long nanos) {
        rebuild.record(nanos, TimeUnit.NANOSECONDS);
        lists.set(index.listCount());
        cones.set(index.coneCount());
    }

    public void rejectedRecord() {
        rejected.increment();
    }

    public double hits() {
        return hits.count();
    }

    public long lists() {
        return lists.get();
    }

    public long cones() {
        return cones.get();
    }

    public Timer latency() {
        return latency;
    }

    public Timer rebuild() {
        return rebuild;
    }
}
