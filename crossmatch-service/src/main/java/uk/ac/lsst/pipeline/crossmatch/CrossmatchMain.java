package uk.ac.lsst.pipeline.crossmatch;

import java.util.Map;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException;
import uk.ac.lsst.pipeline.crossmatch.match.CatalogueWatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * Entry point of crossmatch-service: settings from the environment, catalogues loaded, then run until SIGTERM or
 * failure. Exit codes: 0 after SIGTERM, 1 when the stage failed, 2 for invalid settings or a catalogue that cannot
 * be loaded.
 */
public final class CrossmatchMain {
    private CrossmatchMain() {
    }

    public static void main(String[] args) {
        run(System.getenv());
    }

    /**
     * Runs the stage with these variables until SIGTERM; with {@code PIPELINE_FILE} set, its settings come from that
     * pipeline file (variables set here win). Exits the JVM on failure.
     */
    public static void run(Map<String, String> env) {
        CrossmatchSettings settings;
        LiveCatalogues catalogues;
        try {
            settings = CrossmatchSettings.fromEnv(PipelineEnvironment.resolve(env, StageType.CROSSMATCH_SERVICE));
            catalogues = CrossmatchService.loadCatalogues(settings.catalogues());
        } catch (SettingsException | PipelineFileException | CatalogueException e) {
            System.err.println("crossmatch-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        CrossmatchService.ensureTopics(settings);
        StageMetrics metrics = StageMetrics.prometheus(settings.stage().applicationId());
        AlertMatcher matcher = CrossmatchService.matcher(settings.catalogues(), catalogues, metrics);
        CatalogueWatcher watcher = CrossmatchService.watch(settings.catalogues(), catalogues, metrics, () -> false);
        int code;
        try {
            code = StageRunner.run(settings.stage(), CrossmatchTopology.build(settings,
                    CrossmatchService.decoder(settings), matcher, metrics), metrics);
        } finally {
            watcher.close();
        }
        if (code != 0) {
            System.exit(code);
        }
    }
}
