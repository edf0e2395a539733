package uk.ac.lsst.pipeline.offline;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFileProblem;
import uk.ac.lsst.pipeline.features.stage.Annotator;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.filter.expression.CompiledFilter;
import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;
import uk.ac.lsst.pipeline.stage.AlertDecoding;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;

/**
 * What filter-service would decide on alert files, without Kafka: each alert is annotated as features-service does
 * it, its record written as JSON and read back as filter-service reads it, and the filter evaluated on it. The files
 * are taken in the order given, as the alerts' arrival order: the features of an object accumulate over its files
 * as they do in the stage's per-object state. {@code appendedAtMs} and {@code producedAtMs} are the time of the
 * run. Not thread-safe (it holds the objects' states); one per run.
 */
public final class OfflineFilter {
    private final Annotator annotator;
    private final WatchlistIndex watchlists;
    private final CompiledFilter filter;
    private final Clock clock;
    private final Map<String, FeatureState> states = new HashMap<>();

    /**
     * @param annotator  features and catalogue context, as features-service makes them
     * @param watchlists the watch lists the records name (empty: none)
     * @param filter     the filter to try
     * @param clock      the time of the run
     */
    public OfflineFilter(Annotator annotator, WatchlistIndex watchlists, CompiledFilter filter, Clock clock) {
        this.annotator = annotator;
        this.watchlists = watchlists;
        this.filter = filter;
        this.clock = clock;
    }

    /**
     * The filter's outcome on one alert.
     *
     * @param file    the alert's file
     * @param record  the annotated record the filter saw, as filter-service read it
     * @param verdict passed, failed, or an evaluation error (which the stage counts and skips)
     */
    public record Result(Path file, AnnotatedRecord record, Verdict verdict) {
    }

    /**
     * What a run did.
     *
     * @param alerts  alerts the filter was evaluated on
     * @param passed  of those, the ones it passed
     * @param errors  of those, the ones it failed to evaluate on
     * @param skipped one line per input that was not evaluated, {@code <path>: <reason>}: files that are not alert
     *                files first, then, in file order, undecodable alerts and alerts without a usable position
     */
    public record Summary(int alerts, int passed, int errors, List<String> skipped) {
    }

    /** Evaluates the filter on every alert file found, in order, handing each result to {@code results}. */
    public Summary run(AlertDiscovery files, AlertDecoder decoder, Consumer<Result> results) {
        List<String> skipped = new ArrayList<>();
        files.problems().stream().map(AlertFileProblem::toString).forEach(skipped::add);
        int alerts = 0;
        int passed = 0;
        int errors = 0;
        for (AlertFile file : files.files()) {
            AnnotatedRecord record;
            try {
                record = annotate(decoder.decode(file.read(), file.format()));
            } catch (AlertDecodeException | UncheckedIOException | AnnotatedRecordException | NoPositionException e) {
                skipped.add(file.path() + ": " + e.getMessage());
                continue;
            }
            Verdict verdict = filter.evaluate(record);
            alerts++;
            passed += verdict.passed() ? 1 : 0;
            errors += verdict.outcome() == Verdict.Outcome.ERROR ? 1 : 0;
            results.accept(new Result(file.path(), record, verdict));
        }
        return new Summary(alerts, passed, errors, List.copyOf(skipped));
    }

    /** The record features-service would publish for the alert, read as filter-service reads it. */
    private AnnotatedRecord annotate(Alert alert) throws AnnotatedRecordException, NoPositionException {
        if (!alert.hasUsablePosition()) {
            throw new NoPositionException(AlertDecoding.NO_POSITION + ": alert " + alert.alertId()
                    + " has no usable position (ra=" + alert.raDeg() + ", dec=" + alert.decDeg() + ")");
        }
        long now = clock.millis();
        Annotator.Annotation annotation = annotator.annotate(alert, states.get(alert.objectId()), watchlists, now,
                now);
        states.put(alert.objectId(), annotation.state());
        return AnnotatedRecordReader.read(JsonSerde.write(annotation.record()));
    }

    /** An alert the stages send to their dead letters instead of annotating it. */
    private static final class NoPositionException extends Exception {
        private static final long serialVersionUID = 1L;

        NoPositionException(String message) {
            super(message);
        }
    }
}
