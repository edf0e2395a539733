package uk.ac.lsst.pipeline.features.stage;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.features.state.FeatureStateSerde;
import uk.ac.lsst.pipeline.stage.AlertDecoding;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.store.ApplyWatchlistRecord;
import uk.ac.lsst.pipeline.watchlist.store.WatchlistStoreBuilder;

/**
 * The topology of features-service:
 * <pre>
 * read-alerts -> decode-alert -> route -> annotate-alert [object-features] -> write-annotated
 *                                     \-> label-dead-letter -> to-dead-letter   (undecodable, no-position)
 * read-watchlists -> apply-watchlist-record -> [watchlists-store]   (global: every instance holds every list)
 * </pre>
 * The per-object state store is persistent (RocksDB) with a changelog on the input buffer, from which a restarted or
 * moved task restores it before it processes again.
 */
public final class FeaturesTopology {
    private FeaturesTopology() {
    }

    /**
     * @param settings   topics and watch-list index timing
     * @param decoder    decodes alerts (compact or full; cutouts skipped); shared by all tasks
     * @param annotator  makes the annotated records (features, catalogues; shared)
     * @param watchlists the watch-list meters
     * @param context    the clock of {@code producedAtMs} and of start-from instants, the stage's meters
     */
    public static Topology build(FeaturesSettings settings, AlertDecoder decoder, Annotator annotator,
                                 WatchlistMetrics watchlists, StageContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FeaturesSettings.STATE_STORE), Serdes.String(),
                FeatureStateSerde.serde()));
        KStream<String, byte[]> raw = builder.stream(settings.alerts().alerts().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-alerts")
                        .withOffsetResetPolicy(settings.alerts().offsetReset(context.clock())));
        KStream<String, Alert> alerts = DeadLetters.split(AlertDecoding.decode(raw, decoder, true, context.metrics()),
                settings.stage().deadLetters().name(), settings.alerts().maxAlertBytes(), context.metrics());
        alerts.process(() -> new Annotate(annotator, context.metrics(), context.clock()),
                        Named.as("annotate-alert"), FeaturesSettings.STATE_STORE)
                .to(settings.annotated().name(), Produced.with(Serdes.String(), JsonSerde.of(AnnotatedAlert.class))
                        .withName("write-annotated"));
        Topology topology = builder.build();
        topology.addGlobalStore(
                new WatchlistStoreBuilder(settings.indexDebounce(), settings.indexMaxDelay(), watchlists),
                "read-watchlists", new StringDeserializer(), new ByteArrayDeserializer(),
                settings.watchlists().name(), "apply-watchlist-record", () -> new ApplyWatchlistRecord(watchlists));
        return topology;
    }
}
