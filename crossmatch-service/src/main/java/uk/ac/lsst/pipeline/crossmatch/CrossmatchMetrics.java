package uk.ac.lsst.pipeline.crossmatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;
import uk.ac.lsst.pipeline.crossmatch.match.SourceMatch;
import uk.ac.lsst.pipeline.stage.StageMetrics;

/**
 * The crossmatch meters, in the stage's registry, tagged with the stage:
 * <ul>
 * <li>{@code crossmatch_match_seconds}: time to match one alert (all catalogues, sorting, classification), with a
 * histogram;</li>
 * <li>{@code crossmatch_matches_total{catalogue}}: sources matched;</li>
 * <li>{@code crossmatch_classifications_total{classification}}: alerts per class;</li>
 * <li>{@code crossmatch_catalogue_sources{catalogue}}: sources loaded now;</li>
 * <li>{@code crossmatch_catalogue_reloads_total{catalogue, outcome=ok|failed}}.</li>
 * </ul>
 * Thread-safe.
 */
public final class CrossmatchMetrics {
    private final MeterRegistry registry;
    private final String stage;
    private final Timer latency;
    private final Map<ContextClass, Counter> classes = new EnumMap<>(ContextClass.class);
    private final Map<String, Counter> matches = new ConcurrentHashMap<>();

    public CrossmatchMetrics(StageMetrics metrics) {
        this.registry = metrics.registry();
        this.stage = metrics.stage();
        this.latency = Timer.builder("crossmatch.match").description("time to match one alert against all catalogues")
                .tag("stage", stage).publishPercentileHistogram().register(registry);
        for (ContextClass c : ContextClass.values()) {
            classes.put(c, Counter.builder("crossmatch.classifications").description("alerts by context class")
                    .tags("stage", stage, "classification", c.name()).register(registry));
        }
    }

    /** Publishes the size of every catalogue as a gauge that follows reloads. */
    public void watch(LiveCatalogues catalogues) {
        for (IndexedCatalogue c : catalogues.current()) {
            String name = c.name();
            Gauge.builder("crossmatch.catalogue.sources", catalogues, live -> live.get(name).catalogue().size())
                    .description("sources loaded").tags("stage", stage, "catalogue", name).register(registry);
            matchCounter(name);
        }
    }

    /** Counts one matched alert; {@code nanos} is the time its match took. */
    public void matched(MatchOutcome outcome, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        classes.get(outcome.classification()).increment();
        List<SourceMatch> found = outcome.matches();
        for (SourceMatch m : found) {
            matchCounter(m.catalogue().name()).increment();
        }
    }

    public void reloaded(String catalogue, boolean ok) {
        Counter.builder("crossmatch.catalogue.reloads").description("catalogue reloads after a file change")
                .tags("stage", stage, "catalogue", catalogue, "outcome", ok ? "ok" : "failed").register(registry)
                .increment();
    }

    public double classified(ContextClass c) {
        return classes.get(c).count();
    }

    public double matchesOf(String catalogue) {
        return matchCounter(catalogue).count();
    }

    public long matchCount() {
        return latency.count();
    }

    private Counter matchCounter(String catalogue) {
        return matches.computeIfAbsent(catalogue, name -> Counter.builder("crossmatch.matches")
                .description("catalogue sources matched").tags("stage", stage, "catalogue", name).register(registry));
    }
}
