package uk.ac.lsst.pipeline.crossmatch;

import java.util.List;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.crossmatch.match.CatalogueWatcher;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageParts;
import uk.ac.lsst.pipeline.stage.StageStartException;

/**
 * crossmatch-service: matches every alert against the catalogues of its settings, loaded and indexed at start-up
 * and reloaded in the background when their files change, and publishes the nearest sources and a context class.
 */
public final class CrossmatchStage implements Stage<CrossmatchSettings> {
    public static final StageKind KIND = new StageKind("crossmatch-service", List.of("alerts"),
            List.of("crossmatch", "dead-letters"), false);

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public CrossmatchSettings settings(Env env) {
        return new CrossmatchSettings(StageSettings.fromEnv(env, CrossmatchSettings.DEFAULTS), AlertSettings.fromEnv(env),
                TopicUse.fromEnv(env, "crossmatch", "crossmatch"), CatalogueSettings.fromEnv(env));
    }

    /**
     * Loads the catalogues, then builds the topology over them; the catalogue watcher runs until the stage stops.
     *
     * @throws StageStartException naming the catalogue that cannot be loaded and why
     */
    @Override
    public StageParts build(CrossmatchSettings settings, StageContext context) {
        LiveCatalogues catalogues;
        try {
            catalogues = LiveCatalogues.load(settings.catalogues());
        } catch (CatalogueException e) {
            throw new StageStartException(e.getMessage(), e);
        }
        CrossmatchMetrics meters = new CrossmatchMetrics(context.metrics());
        meters.watch(catalogues);
        AlertMatcher matcher = new AlertMatcher(new CrossMatcher(catalogues, settings.catalogues().rules()), meters);
        CatalogueWatcher watcher = new CatalogueWatcher(catalogues, CatalogueLoader.withDefaults(),
                settings.catalogues().reloadInterval(), meters::reloaded, () -> false).start();
        return new StageParts(CrossmatchTopology.build(settings, settings.alerts().decoder(false), matcher, context),
                List.of(watcher));
    }
}
