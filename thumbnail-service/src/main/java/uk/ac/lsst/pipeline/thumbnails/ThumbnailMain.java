package uk.ac.lsst.pipeline.thumbnails;

import java.util.Map;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Entry point of thumbnail-service: settings from the environment, then run until SIGTERM or failure. */
public final class ThumbnailMain {
    private ThumbnailMain() {
    }

    public static void main(String[] args) {
        run(System.getenv());
    }

    /**
     * Runs the stage with these variables until SIGTERM; with {@code PIPELINE_FILE} set, its settings come from that
     * pipeline file (variables set here win). Exits the JVM on failure.
     */
    public static void run(Map<String, String> env) {
        ThumbnailSettings settings;
        try {
            settings = ThumbnailSettings.fromEnv(PipelineEnvironment.resolve(env, StageType.THUMBNAIL_SERVICE));
        } catch (SettingsException | PipelineFileException e) {
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
