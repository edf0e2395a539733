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
 * {@code read-upstream -> decode-alert -> route -> write-alerts | label-dead-letter -> to-dead-letter}.
 * Values are never re-encoded.
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
        KStream<String, Routed<byte[]>> routed = upstream.process(
                () -> new IngestProcessor(decoder, context.metrics()), Named.as("decode-alert"));
        DeadLetters.split(routed, settings.stage().deadLetters().name(), settings.alerts().maxAlertBytes(),
                        context.metrics())
                .to(settings.alerts().alerts().name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("write-alerts"));
        return builder.build();
    }
}
