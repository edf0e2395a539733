package uk.ac.lsst.pipeline.ingest;

import java.time.Clock;
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
import uk.ac.lsst.pipeline.stage.StageMetrics;

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
     * @param metrics  alerts in/out and dead letters are counted here
     */
    public static Topology build(IngestSettings settings, AlertDecoder decoder, StageMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        Consumed<byte[], byte[]> consumed = Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withName("read-upstream")
                .withOffsetResetPolicy(settings.startFrom().toOffsetReset(Clock.systemUTC()));
        KStream<byte[], byte[]> upstream = settings.upstreamPattern() != null
                ? builder.stream(settings.upstreamPattern(), consumed)
                : builder.stream(settings.upstreamTopics(), consumed);
        KStream<String, Routed<byte[]>> routed = upstream.process(() -> new IngestProcessor(decoder, metrics),
                Named.as("decode-alert"));
        DeadLetters.split(routed, settings.deadLetterTopic().name(), settings.maxAlertBytes(), metrics)
                .to(settings.alertsTopic().name(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("write-alerts"));
        return builder.build();
    }
}
