package uk.ac.lsst.pipeline.thumbnails;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.stage.DeadLetters;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.TopicDescriptor;
import uk.ac.lsst.pipeline.thumbnails.store.ThumbnailStore;

/**
 * The topology of thumbnail-service:
 * {@code read-alerts -> render-thumbnails -> route -> write-thumbnails | label-dead-letter -> to-dead-letter}.
 * Images go to the {@link ThumbnailStore} as a side effect of {@code render-thumbnails}; the records that describe
 * them go to the thumbnails topic only after they are stored.
 */
public final class ThumbnailTopology {
    private ThumbnailTopology() {
    }

    /** The alerts topic of the ingest buffer: raw bytes (keys too, so dead letters keep them exactly). */
    public static TopicDescriptor<byte[], byte[]> alertsTopic(String name) {
        return new TopicDescriptor<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }

    /** The thumbnails topic: object id keys, {@link ThumbnailRecord} JSON values. */
    public static TopicDescriptor<String, ThumbnailRecord> thumbnailsTopic(String name) {
        return new TopicDescriptor<>(name, Serdes.String(), JsonSerde.of(ThumbnailRecord.class));
    }

    /**
     * @param settings what to read, how to render, where to write
     * @param decoder  decodes alerts with their cutouts (shared by all tasks)
     * @param store    where images go (shared, thread-safe)
     * @param meters   the thumbnail meters (rendered and missing cutouts, rendering time)
     * @param context  the clock (start-from instants) and the stage's meters: alerts in/out and dead letters
     */
    public static Topology build(ThumbnailSettings settings, AlertDecoder decoder, ThumbnailStore store,
                                 ThumbnailMetrics meters, StageContext context) {
        String baseUrl = settings.baseUrlPrefix();
        StreamsBuilder builder = new StreamsBuilder();
        String alertsTopic = settings.alerts().alerts().name();
        KStream<byte[], byte[]> alerts = builder.stream(alertsTopic, alertsTopic(alertsTopic).consumed("read-alerts")
                .withOffsetResetPolicy(settings.alerts().offsetReset(context.clock())));
        KStream<String, Routed<ThumbnailRecord>> routed = alerts.process(
                () -> new ThumbnailProcessor(decoder, () -> new AlertThumbnailer(settings.render(),
                        settings.maxCutoutBytes(), store, baseUrl, meters), context.metrics()),
                Named.as("render-thumbnails"));
        DeadLetters.split(routed, settings.stage().deadLetters().name(), settings.alerts().maxAlertBytes(),
                        context.metrics())
                .to(settings.thumbnails().name(),
                        thumbnailsTopic(settings.thumbnails().name()).produced("write-thumbnails"));
        return builder.build();
    }
}
