package uk.ac.lsst.pipeline.features.stage;

import java.time.Duration;
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
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageParts;
import uk.ac.lsst.pipeline.stage.StageStartException;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;

/**
 * features-service: one annotated record per alert on the science buffer, with its object's features (kept per
 * object in a state store with a changelog), its catalogue context and the watch lists it falls within: the record
 * that filter-service evaluates and that users subscribe to.
 */
public final class FeaturesStage implements Stage<FeaturesSettings> {
    public static final StageKind KIND = new StageKind("features-service", List.of("alerts", "watchlists"),
            List.of("annotated", "dead-letters"), false);

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public FeaturesSettings settings(Env env) {
        return new FeaturesSettings(StageSettings.fromEnv(env, FeaturesSettings.DEFAULTS), AlertSettings.fromEnv(env),
                TopicUse.fromEnv(env, "watchlists", "watchlists"),
                TopicUse.fromEnv(env, "annotated", "annotated-alerts"), CatalogueSettings.fromEnv(env),
                env.duration("INDEX_DEBOUNCE", Duration.ofMillis(200)),
                env.duration("INDEX_MAX_DELAY", Duration.ofSeconds(5)));
    }

    /** @throws StageStartException naming the catalogue that cannot be loaded and why */
    @Override
    public StageParts build(FeaturesSettings settings, StageContext context) {
        LiveCatalogues catalogues;
        try {
            catalogues = LiveCatalogues.load(settings.catalogues());
        } catch (CatalogueException e) {
            throw new StageStartException(e.getMessage(), e);
        }
        CatalogueWatcher watcher = new CatalogueWatcher(catalogues, CatalogueLoader.withDefaults(),
                settings.catalogues().reloadInterval(), (name, ok) -> { }, () -> false).start();
        Annotator annotator = new Annotator(new FeatureCalculator(),
                new CrossMatcher(catalogues, settings.catalogues().rules()));
        return new StageParts(FeaturesTopology.build(settings, settings.alerts().decoder(false), annotator,
                new WatchlistMetrics(context.metrics()), context), List.of(watcher));
    }
}
