package uk.ac.lsst.pipeline.features.stage;

import java.time.Duration;
import java.util.List;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.stage.StageConfig;

/**
 * Settings of features-service. The input buffer is the ingest buffer (the compact alerts, the watch-lists topic,
 * and the changelog of the per-object state, which Kafka Streams keeps there), the output buffer the science buffer.
 * Besides {@link StageSettings}, {@link AlertSettings} and {@link CatalogueSettings} (the same {@code CATALOGUE_*}
 * variables as crossmatch-service):
 *
 * <pre>
 * ANNOTATED_TOPIC        the annotated records on the output buffer (default annotated-alerts)
 * WATCHLISTS_TOPIC       the compacted topic of watch lists on the input buffer (default watchlists)
 * INDEX_DEBOUNCE         quiet time after a watch-list change before the index is rebuilt (default PT0.2S)
 * INDEX_MAX_DELAY        longest delay of a rebuild while changes keep coming (default PT5S)
 * </pre>
 *
 * It is on the path to the filters' outputs, so it runs with the low-latency defaults ({@link #DEFAULTS}).
 */
public record FeaturesSettings(
        StageSettings stage,
        AlertSettings alerts,
        TopicUse watchlists,
        TopicUse annotated,
        CatalogueSettings catalogues,
        Duration indexDebounce,
        Duration indexMaxDelay) implements StageConfig {

    /** The name of the per-object state store; its changelog is {@code <application id>-object-features-changelog}. */
    public static final String STATE_STORE = "object-features";
    static final StageDefaults DEFAULTS = new StageDefaults("features-service", "features-dead-letters", 1,
            StageDefaults.LOW_LATENCY);

    @Override
    public List<TopicUse> reads() {
        return List.of(alerts.alerts(), watchlists);
    }

    @Override
    public List<TopicUse> writes() {
        return List.of(annotated, stage.deadLetters());
    }

    @Override
    public String describe() {
        return "annotates " + alerts.alerts() + " with object features, catalogues "
                + catalogues.catalogues().stream().map(c -> c.name()).toList() + " and the watch lists of "
                + watchlists + " into " + annotated;
    }
}
