package uk.ac.lsst.pipeline.crossmatch;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.stage.AlertDecoding;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageMetrics;
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

    /** The alerts topic of the ingest buffer: object id to raw alert bytes. */
    public static TopicDescriptor<String, byte[]> alertsTopic(CrossmatchSettings settings) {
        return new TopicDescriptor<>(settings.alertsTopic(), Serdes.String(), Serdes.ByteArray());
    }

    /** The results topic of the output buffer: object id to {@link CrossmatchRecord} as JSON. */
    public static TopicDescriptor<String, CrossmatchRecord> outputTopic(CrossmatchSettings settings) {
        return new TopicDescriptor<>(settings.outputTopic().name(), Serdes.String(),
                JsonSerde.of(CrossmatchRecord.class));
    }

    /**
     * @param settings topics
     * @param decoder  shared by all tasks (cutouts skipped)
     * @param matcher  matches alerts against the live catalogues (shared by all tasks)
     * @param metrics  alerts in/out and dead letters are counted here
     */
    public static Topology build(CrossmatchSettings settings, AlertDecoder decoder, AlertMatcher matcher,
                                 StageMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        TopicDescriptor<String, byte[]> in = alertsTopic(settings);
        TopicDescriptor<String, CrossmatchRecord> out = outputTopic(settings);
        KStream<String, Alert> alerts = DeadLetters.split(
                AlertDecoding.decode(builder.stream(in.name(), in.consumed("read-alerts")), decoder, true, metrics),
                settings.deadLetterTopic().name(), settings.maxAlertBytes(), metrics);
        alerts.map((key, alert) -> {
            CrossmatchRecord record = matcher.match(alert);
            metrics.alertOut();
            return KeyValue.pair(alert.objectId(), record);
        }, Named.as("match-catalogues")).to(out.name(), out.produced("write-crossmatch"));
        return builder.build();
    }
}
