package uk.ac.lsst.pipeline.crossmatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.match.CatalogueWatcher;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * Wires crossmatch-service: makes sure its topics exist on the output buffer, loads and indexes the catalogues,
 * starts the stage and the catalogue watcher (which stops with the stage).
 */
public final class CrossmatchService {
    private static final Logger log = LoggerFactory.getLogger(CrossmatchService.class);

    private CrossmatchService() {
    }

    /** Creates the crossmatch and dead-letter topics on the output buffer where missing. */
    public static void ensureTopics(CrossmatchSettings settings) {
        try (Admin admin = Admin.create(settings.stage().output().clientProperties())) {
            new TopicAdmin(admin, Duration.ofSeconds(60))
                    .ensure(List.of(settings.outputTopic(), settings.deadLetterTopic()));
        }
    }

    /** The decoder: cutouts skipped, size bounded, schemas as the settings say. */
    public static AlertDecoder decoder(CrossmatchSettings settings) {
        return new AlertDecoder(settings.schemas().toSchemaSource(), false, settings.maxAlertBytes());
    }

    /**
     * Loads and indexes every catalogue, in order.
     *
     * @throws uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException naming the catalogue and the problem
     */
    public static LiveCatalogues loadCatalogues(CatalogueSettings settings) {
        CatalogueLoader loader = CatalogueLoader.withDefaults();
        List<IndexedCatalogue> loaded = new ArrayList<>();
        for (CatalogueSpec spec : settings.catalogues()) {
            long start = System.nanoTime();
            IndexedCatalogue indexed = IndexedCatalogue.of(loader.load(spec));
            log.info("catalogue {}: {} sources indexed for a {}\" radius, ready in {} s", spec.name(),
                    indexed.catalogue().size(), spec.radiusArcsec(),
                    String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
            loaded.add(indexed);
        }
        return new LiveCatalogues(loaded);
    }

    /** The per-alert matcher over {@code catalogues}, with its meters in {@code metrics}' registry. */
    public static AlertMatcher matcher(CatalogueSettings settings, LiveCatalogues catalogues, StageMetrics metrics) {
        CrossmatchMetrics meters = new CrossmatchMetrics(metrics);
        meters.watch(catalogues);
        return new AlertMatcher(new CrossMatcher(catalogues, settings.rules()), meters);
    }

    /** Starts reloading changed catalogue files in the background until {@code stopWhen} or close. */
    public static CatalogueWatcher watch(CatalogueSettings settings, LiveCatalogues catalogues, StageMetrics metrics,
                                        BooleanSupplier stopWhen) {
        CrossmatchMetrics meters = new CrossmatchMetrics(metrics);
        return new CatalogueWatcher(catalogues, CatalogueLoader.withDefaults(), settings.reloadInterval(),
                meters::reloaded, stopWhen).start();
    }

    /** Ensures topics, loads the catalogues, then creates and starts the stage; returns at once. */
    public static StageRunner start(CrossmatchSettings settings, StageMetrics metrics) {
        ensureTopics(settings);
        return start(settings, metrics, loadCatalogues(settings.catalogues()));
    }

    /**
     * Starts the stage over catalogues already loaded (topics must exist); changed files are reloaded into
     * {@code catalogues} until the stage terminates.
     */
    public static StageRunner start(CrossmatchSettings settings, StageMetrics metrics, LiveCatalogues catalogues) {
        AlertMatcher matcher = matcher(settings.catalogues(), catalogues, metrics);
        StageRunner runner = new StageRunner(settings.stage(),
                CrossmatchTopology.build(settings, decoder(settings), matcher, metrics), metrics);
        runner.start();
        watch(settings.catalogues(), catalogues, metrics, () -> terminated(runner));
        log.info("crossmatch-service matches topic {} against {} into topic {}", settings.alertsTopic(),
                catalogues.current().stream().map(IndexedCatalogue::name).toList(), settings.outputTopic().name());
        return runner;
    }

    private static boolean terminated(StageRunner runner) {
        try {
            return runner.awaitTermination(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
