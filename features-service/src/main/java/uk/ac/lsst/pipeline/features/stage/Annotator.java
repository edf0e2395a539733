package uk.ac.lsst.pipeline.features.stage;

import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.crossmatch.MatchRecord;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.features.FeatureUpdate;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;

/**
 * Makes the annotated record of one alert (with a usable position): its object's features from the object's
 * previous state, its catalogue context, the watch-list sources it falls within. The same for the stage and for
 * {@code pipeline filter test}. Thread-safe as its calculator and matcher are; the result holds the object's new
 * state.
 */
public final class Annotator {
    private final FeatureCalculator calculator;
    private final CrossMatcher matcher;

    /** The annotated record and the object's state after the alert. */
    public record Annotation(AnnotatedAlert record, FeatureState state) {
    }

    public Annotator(FeatureCalculator calculator, CrossMatcher matcher) {
        this.calculator = calculator;
        this.matcher = matcher;
    }

    /**
     * @param previous     the object's state before this alert, or null for a new object
     * @param watchlists   the watch lists now (empty: none)
     * @param appendedAtMs when the alert was appended to the ingest buffer, epoch ms
     * @param producedAtMs now, epoch ms
     */
    public Annotation annotate(Alert alert, FeatureState previous, WatchlistIndex watchlists, long appendedAtMs,
                               long producedAtMs) {
        AlertPhotometry photometry = AlertPhotometry.of(alert);
        FeatureUpdate update = calculator.update(previous, photometry);
        MatchOutcome outcome = matcher.match(alert.raDeg(), alert.decDeg());
        List<WatchlistMembership> hits = new ArrayList<>();
        watchlists.match(alert.raDeg(), alert.decDeg(), (list, source, separationDeg) ->
                hits.add(new WatchlistMembership(list.id(), list.info().name(), list.name(source),
                        separationDeg * 3600.0)));
        AnnotatedAlert record = AnnotatedAlert.of(alert, photometry, outcome.classification().name(),
                outcome.matches().stream().map(MatchRecord::of).toList(), hits, update.features(), appendedAtMs,
                producedAtMs);
        return new Annotation(record, update.state());
    }
}
