package uk.ac.lsst.pipeline.crossmatch;

import java.util.List;
import uk.ac.lsst.pipeline.config.AlertSettings;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.stage.StageConfig;

/**
 * Settings of crossmatch-service. The input buffer is the ingest buffer, the output buffer the science buffer.
 * Besides {@link StageSettings}, {@link AlertSettings} and {@link CatalogueSettings} (the catalogues and the
 * classification rules):
 *
 * <pre>
 * CROSSMATCH_TOPIC       topic of results on the output buffer (default crossmatch)
 * CROSSMATCH_PARTITIONS  the partitions it must have (default: any)
 * </pre>
 *
 * The application id defaults to {@code crossmatch-service}, the dead-letter topic to
 * {@code crossmatch-dead-letters}.
 */
public record CrossmatchSettings(
        StageSettings stage,
        AlertSettings alerts,
        TopicUse output,
        CatalogueSettings catalogues) implements StageConfig {

    static final StageDefaults DEFAULTS = StageDefaults.of("crossmatch-service", "crossmatch-dead-letters");


    @Override
    public List<TopicUse> reads() {
        return List.of(alerts.alerts());
    }

    @Override
    public List<TopicUse> writes() {
        return List.of(output, stage.deadLetters());
    }

    @Override
    public String describe() {
        return "matches " + alerts.alerts() + " against catalogues "
                + catalogues.catalogues().stream().map(c -> c.name()).toList() + " into " + output;
    }
}
