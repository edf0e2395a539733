package uk.ac.lsst.pipeline.watchlist;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.stage.AlertDecoding;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.TopicDescriptor;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.store.ApplyWatchlistRecord;
import uk.ac.lsst.pipeline.watchlist.store.WatchlistStoreBuilder;

/**
 * The topology of watchlist-service:
 * <pre>
 * read-alerts -> decode-alert -> route -> match-watchlists -> write-hits
 *                                     \-> label-dead-letter -> to-dead-letter   (undecodable, no-position)
 * read-watchlists -> apply-watchlist-record -> [watchlists-store]   (global: every instance reads every list)
 * </pre>
 */
public final class WatchlistTopology {
    private WatchlistTopology() {
    }

    /** The hits topic with its serdes: key = watch-list id, value = {@link WatchlistHit} as JSON. */
    public static TopicDescriptor<String, WatchlistHit> hitsTopic(WatchlistSettings settings) {
        return new TopicDescriptor<>(settings.hits().name(), Serdes.String(), JsonSerde.of(WatchlistHit.class));
    }

    /**
     * @param settings what to read and where to write
     * @param decoder  decodes alerts (shared by all tasks; cutouts skipped)
     * @param metrics  the stage's and the watch-list meters
     * @param context  the clock of {@code producedAtMs} and of start-from instants
     */
    public static Topology build(WatchlistSettings settings, AlertDecoder decoder, WatchlistMetrics metrics,
                                 StageContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, byte[]> alerts = builder.stream(settings.alerts().alerts().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-alerts")
                        .withOffsetResetPolicy(settings.alerts().offsetReset(context.clock())));
        KStream<String, Routed<Alert>> decoded = AlertDecoding.decode(alerts, decoder, true, metrics.stage());
        TopicDescriptor<String, WatchlistHit> hits = hitsTopic(settings);
        DeadLetters.split(decoded, settings.stage().deadLetters().name(), settings.alerts().maxAlertBytes(),
                        metrics.stage())
                .process(() -> new MatchAlert(metrics, context.clock()::millis), Named.as("match-watchlists"))
                .to(hits.name(), Produced.with(hits.keySerde(), hits.valueSerde()).withName("write-hits"));
        Topology topology = builder.build();
        topology.addGlobalStore(
                new WatchlistStoreBuilder(settings.indexDebounce(), settings.indexMaxDelay(), metrics),
                "read-watchlists", new StringDeserializer(), new ByteArrayDeserializer(),
                settings.watchlists().name(), "apply-watchlist-record", () -> new ApplyWatchlistRecord(metrics));
        return topology;
    }
}
