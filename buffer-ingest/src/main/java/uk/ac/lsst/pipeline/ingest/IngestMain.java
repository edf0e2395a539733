package uk.ac.lsst.pipeline.ingest;

import java.util.Map;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/** Entry point of the buffer-ingest service: settings from the environment, then run until SIGTERM or failure. */
public final class IngestMain {
    private IngestMain() {
    }

    public static void main(String[] args) {
        run(System.getenv());
    }

    /**
     * Runs the stage with these variables until SIGTERM; with {@code PIPELINE_FILE} set, its settings come from that
     * pipeline file (variables set here win). Exits the JVM on failure.
     */
    public static void run(Map<String, String> env) {
        IngestSettings settings;
        try {
            settings = IngestSettings.fromEnv(PipelineEnvironment.resolve(env, StageType.BUFFER_INGEST));
        } catch (SettingsException | PipelineFileException e) {
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
