package uk.ac.lsst.pipeline.ingest;

import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Entry point of the buffer-ingest service: settings from the environment, then run until SIGTERM or failure. */
public final class IngestMain {
    private IngestMain() {
    }

    public static void main(String[] args) {
        IngestSettings settings;
        try {
            settings = IngestSettings.fromEnv(System.getenv());
        } catch (SettingsException e) {
            System.err.println("buffer-ingest: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            IngestService.ensureTopics(settings);
        } catch (RuntimeException e) {
            System.err.println("buffer-ingest: " + e.getMessage());
            System.exit(1);
            return;
        }
        StageMetrics metrics = StageMetrics.prometheus(settings.stage().applicationId());
        int code = StageRunner.run(settings.stage(),
                IngestTopology.build(settings, IngestService.decoder(settings), metrics), metrics);
        if (code != 0) {
            System.exit(code);
        }
    }
}
