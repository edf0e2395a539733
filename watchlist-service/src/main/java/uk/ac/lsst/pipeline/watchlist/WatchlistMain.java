package uk.ac.lsst.pipeline.watchlist;

import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Entry point of watchlist-service: settings from the environment, then run until SIGTERM or failure. */
public final class WatchlistMain {
    private WatchlistMain() {
    }

    public static void main(String[] args) {
        WatchlistSettings settings;
        try {
            settings = WatchlistSettings.fromEnv(System.getenv());
        } catch (SettingsException e) {
            System.err.println("watchlist-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        WatchlistService.ensureTopics(settings);
        StageMetrics metrics = StageMetrics.prometheus(settings.stage().applicationId());
        int code = StageRunner.run(settings.stage(), WatchlistService.topology(settings, metrics), metrics);
        if (code != 0) {
            System.exit(code);
        }
    }
}
