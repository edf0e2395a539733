package uk.ac.lsst.pipeline.watchlist;

import java.util.Map;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Entry point of watchlist-service: settings from the environment, then run until SIGTERM or failure. */
public final class WatchlistMain {
    private WatchlistMain() {
    }

    public static void main(String[] args) {
        run(System.getenv());
    }

    /**
     * Runs the stage with these variables until SIGTERM; with {@code PIPELINE_FILE} set, its settings come from that
     * pipeline file (variables set here win). Exits the JVM on failure.
     */
    public static void run(Map<String, String> env) {
        WatchlistSettings settings;
        try {
            settings = WatchlistSettings.fromEnv(PipelineEnvironment.resolve(env, StageType.WATCHLIST_SERVICE));
        } catch (SettingsException | PipelineFileException e) {
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
