package uk.ac.lsst.pipeline.ingest;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageContext;

/**
 * The topology of buffer-ingest:
 * <pre>
 * read-upstream -> decode-alert -> route -> upstream-bytes -> write-alerts
 *                                        \-> compact-form -> write-compact
 *                                        \-> label-dead-letter -> to-dead-letter
 * </pre>
 * The upstream bytes are never re-encoded; the compact form's records carry the same headers, but its format.
 */
public final class IngestTopology {
    private IngestTopology() {
    }

    /**
     * @param settings what to read and where to write
     * @param decoder  validates messages (shared by all tasks)
     * @param context  the clock (start-from instants) and the meters: alerts in/out and dead letters
     */
    public static Topology build(IngestSettings settings, AlertDecoder decoder, StageContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> consumed = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("read-upstream")
                .withOffsetResetPolicy(settings.alerts().offsetReset(context.clock()));
        KStream<byte[], byte[]> upstream = settings.upstreamPattern() != null
                ? builder.stream(settings.upstreamPattern(), consumed)
                : builder.stream(settings.upstreamTopics(), consumed);
        KStream<String, Routed<IngestedAlert>> routed = upstream.process(
                () -> new IngestProcessor(decoder, context.metrics()), Named.as("decode-alert"));
        KStream<String, IngestedAlert> alerts = DeadLetters.split(routed, settings.stage().deadLetters().name(),
                settings.alerts().maxAlertBytes(), context.metrics());
        alerts.mapValues(IngestedAlert::upstream, Named.as("upstream-bytes"))
                .to(settings.alerts().alerts().name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("write-alerts"));
        alerts.processValues(CompactForm::new, Named.as("compact-form"))
                .to(settings.compact().name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("write-compact"));
        return builder.build();
    }
}
