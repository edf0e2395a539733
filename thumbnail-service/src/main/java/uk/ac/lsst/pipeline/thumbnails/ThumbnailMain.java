package uk.ac.lsst.pipeline.thumbnails;

import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Entry point of thumbnail-service: settings from the environment, then run until SIGTERM or failure. */
public final class ThumbnailMain {
    private ThumbnailMain() {
    }

    public static void main(String[] args) {
        ThumbnailSettings settings;
        try {
            settings = ThumbnailSettings.fromEnv(System.getenv());
        } catch (SettingsException e) {
            System.err.println("thumbnail-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        ThumbnailService.ensureTopics(settings);
        StageMetrics metrics = StageMetrics.prometheus(settings.stage().applicationId());
        int code = StageRunner.run(settings.stage(), ThumbnailService.topology(settings, metrics), metrics);
        if (code != 0) {
            System.exit(code);
        }
    }
}
