package uk.ac.lsst.pipeline.crossmatch;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.stage.AlertDecoding;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.TopicDescriptor;

/**
 * The topology of crossmatch-service:
 * {@code read-alerts -> decode-alert -> route -> match-catalogues -> write-crossmatch}, with undecodable alerts and
 * alerts without a usable position going {@code label-dead-letter -> to-dead-letter}. Stateless: no state stores,
 * no internal topics.
 */
public final class CrossmatchTopology {
    private CrossmatchTopology() {
    }

    /** The results topic of the output buffer: object id to {@link CrossmatchRecord} as JSON. */
    public static TopicDescriptor<String, CrossmatchRecord> outputTopic(CrossmatchSettings settings) {
        return new TopicDescriptor<>(settings.output().name(), Serdes.String(), JsonSerde.of(CrossmatchRecord.class));
    }

    /**
     * @param settings topics
     * @param decoder  shared by all tasks (cutouts skipped)
     * @param matcher  matches alerts against the live catalogues (shared by all tasks)
     * @param context  the clock (start-from instants) and the meters: alerts in/out and dead letters
     */
    public static Topology build(CrossmatchSettings settings, AlertDecoder decoder, AlertMatcher matcher,
                                 StageContext context) {
        StreamsBuilder builder = new StreamsBuilder();
        TopicDescriptor<String, CrossmatchRecord> out = outputTopic(settings);
        KStream<String, byte[]> raw = builder.stream(settings.alerts().alerts().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-alerts")
                        .withOffsetResetPolicy(settings.alerts().offsetReset(context.clock())));
        KStream<String, Alert> alerts = DeadLetters.split(
                AlertDecoding.decode(raw, decoder, true, context.metrics()),
                settings.stage().deadLetters().name(), settings.alerts().maxAlertBytes(), context.metrics());
        alerts.map((key, alert) -> {
            CrossmatchRecord record = matcher.match(alert);
            context.metrics().alertOut();
            return KeyValue.pair(alert.objectId(), record);
        }, Named.as("match-catalogues")).to(out.name(), out.produced("write-crossmatch"));
        return builder.build();
    }
}
