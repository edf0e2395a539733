package uk.ac.lsst.pipeline.crossmatch;

import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException;
import uk.ac.lsst.pipeline.crossmatch.match.CatalogueWatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
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
        CrossmatchSettings settings;
        LiveCatalogues catalogues;
        try {
            settings = CrossmatchSettings.fromEnv(System.getenv());
            catalogues = CrossmatchService.loadCatalogues(settings.catalogues());
        } catch (SettingsException | CatalogueException e) {
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
