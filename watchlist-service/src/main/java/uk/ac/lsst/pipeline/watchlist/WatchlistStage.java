package uk.ac.lsst.pipeline.watchlist;

import java.time.Duration;
import java.util.List;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageParts;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * watchlist-service: the lowest-latency stage. Every alert is matched against the watch lists of the compacted
 * watch-lists topic, which every instance holds whole in a global store and index (live add, replace and delete),
 * and each hit is published at once. The stage is ready once every list of the topic is loaded and indexed.
 */
public final class WatchlistStage implements Stage<WatchlistSettings> {
    public static final StageKind KIND = new StageKind("watchlist-service", List.of("alerts", "watchlists"),
            List.of("hits", "dead-letters"), false);

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public WatchlistSettings settings(Env env) {
        return new WatchlistSettings(StageSettings.fromEnv(env, WatchlistSettings.DEFAULTS), AlertSettings.fromEnv(env),
                TopicUse.fromEnv(env, "watchlists", WatchlistSettings.DEFAULT_WATCHLISTS_TOPIC),
                TopicUse.fromEnv(env, "hits", WatchlistSettings.DEFAULT_HITS_TOPIC),
                env.duration("INDEX_DEBOUNCE", Duration.ofMillis(200)),
                env.duration("INDEX_MAX_DELAY", Duration.ofSeconds(5)));
    }

    @Override
    public StageParts build(WatchlistSettings settings, StageContext context) {
        return StageParts.of(WatchlistTopology.build(settings, settings.alerts().decoder(false),
                new WatchlistMetrics(context.metrics()), context));
    }

    /** A client for the watch lists this stage reads (on its input buffer); the caller closes it. */
    public static WatchlistClient client(WatchlistSettings settings) {
        return new WatchlistClient(settings.stage().input().clientProperties(), settings.watchlists().name());
    }
}
