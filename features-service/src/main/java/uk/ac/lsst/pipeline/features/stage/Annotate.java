package uk.ac.lsst.pipeline.features.stage;

import java.time.Clock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.watchlist.store.WatchlistStore;

/**
 * Annotates one decoded alert (with a usable position) with an {@link Annotator}: the object's state comes from, and
 * goes back to, the {@link FeaturesSettings#STATE_STORE} store; the watch lists from the global store. Forwards the
 * {@link AnnotatedAlert}, keyed by object id, with the alert's headers. The input is keyed by object id, so all
 * alerts of an object are annotated in order by one task. An alert associated with no object (object id "") has
 * features of its own photometry only: no state is read or kept for it, since such alerts are unrelated sources.
 * One instance per stream task (not thread-safe); the annotator is shared.
 */
final class Annotate implements Processor<String, Alert, String, AnnotatedAlert> {
    private final Annotator annotator;
    private final StageMetrics metrics;
    private final Clock clock;
    private ProcessorContext<String, AnnotatedAlert> context;
    private KeyValueStore<String, FeatureState> states;
    private WatchlistStore watchlists;

    Annotate(Annotator annotator, StageMetrics metrics, Clock clock) {
        this.annotator = annotator;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, AnnotatedAlert> context) {
        this.context = context;
        this.states = context.getStateStore(FeaturesSettings.STATE_STORE);
        this.watchlists = context.getStateStore(WatchlistStore.NAME);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        boolean hasObject = !alert.objectId().isEmpty();
        long producedAt = clock.millis();
        Annotator.Annotation annotation = annotator.annotate(alert, hasObject ? states.get(alert.objectId()) : null,
                watchlists.index(), record.timestamp(), producedAt);
        if (hasObject) {
            states.put(alert.objectId(), annotation.state());
        }
        context.forward(new Record<>(alert.objectId(), annotation.record(), producedAt, record.headers()));
        metrics.alertOut();
    }
}
