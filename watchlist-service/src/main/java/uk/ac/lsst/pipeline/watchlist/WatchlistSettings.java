package uk.ac.lsst.pipeline.watchlist;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.stage.StageConfig;

/**
 * Settings of watchlist-service. The input buffer is the ingest buffer (alerts and the watch-lists topic), the
 * output buffer receives hits and dead letters. Besides {@link StageSettings} and {@link AlertSettings}:
 *
 * <pre>
 * WATCHLISTS_TOPIC        compacted topic of watch lists on the input buffer (default watchlists)
 * WATCHLISTS_PARTITIONS   the partitions it must have (default: any)
 * HITS_TOPIC              topic of hits on the output buffer (default watchlist-hits)
 * HITS_PARTITIONS         the partitions it must have (default: any)
 * INDEX_DEBOUNCE          quiet time after a watch-list change before the index is rebuilt (default PT0.2S)
 * INDEX_MAX_DELAY         longest delay of a rebuild while changes keep coming (default PT5S)
 * </pre>
 *
 * This is the lowest-latency stage: its defaults ({@link #DEFAULTS}) are two stream threads and the latency
 * settings of {@link StageDefaults#LOW_LATENCY}, under any {@code STREAM_THREADS} and {@code KAFKA_*} variable. The
 * dead-letter topic defaults to {@code watchlist-dead-letters}.
 */
public record WatchlistSettings(
        StageSettings stage,
        AlertSettings alerts,
        TopicUse watchlists,
        TopicUse hits,
        Duration indexDebounce,
        Duration indexMaxDelay) implements StageConfig {

    public static final String DEFAULT_WATCHLISTS_TOPIC = "watchlists";
    public static final String DEFAULT_HITS_TOPIC = "watchlist-hits";

    /**
     * Two stream threads, not one as for other stages: with one thread, an alert stalled behind a pause (GC, a busy
     * core) holds up every partition's alerts; with two, the other thread goes on. Measured on a 2-core machine at
     * 500 alerts/s: p99 from ingest to output buffer 39-42 ms with 2 threads, 88-142 ms with 1.
     */
    public static final StageDefaults DEFAULTS = new StageDefaults("watchlist-service", "watchlist-dead-letters", 2,
            StageDefaults.LOW_LATENCY);


    @Override
    public List<TopicUse> reads() {
        return List.of(alerts.alerts(), watchlists);
    }

    @Override
    public List<TopicUse> writes() {
        return List.of(hits, stage.deadLetters());
    }

    @Override
    public String describe() {
        return "matches " + alerts.alerts() + " against the lists of " + watchlists + " into " + hits;
    }
}
