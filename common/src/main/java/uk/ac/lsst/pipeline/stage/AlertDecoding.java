package uk.ac.lsst.pipeline.stage;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;

/**
 * The first step of every stage that reads the ingest buffer: decode each alert (using the {@code alert.format}
 * header buffer-ingest added, else detecting the format from the bytes), count it in, and turn what cannot be
 * used into a dead letter: undecodable bytes (reason from {@link uk.ac.lsst.pipeline.alert.DecodeFailure}) and,
 * when a position is required, alerts without a usable one (reason {@code no-position}).
 */
public final class AlertDecoding {
    /** Dead-letter reason of alerts whose ra/dec is missing, NaN, infinite or out of range. */
    public static final String NO_POSITION = "no-position";

    private AlertDecoding() {
    }

    /**
     * @param alerts          the ingest buffer's alerts, raw bytes keyed by object id
     * @param decoder         shared by all tasks
     * @param requirePosition whether alerts without a usable position are dead letters
     * @param metrics         counts every record in
     */
    public static KStream<String, Routed<Alert>> decode(KStream<String, byte[]> alerts, AlertDecoder decoder,
                                                        boolean requirePosition, StageMetrics metrics) {
        return alerts.processValues(() -> new Decode(decoder, requirePosition, metrics), Named.as("decode-alert"));
    }

    private static final class Decode implements FixedKeyProcessor<String, byte[], Routed<Alert>> {
        private final AlertDecoder decoder;
        private final boolean requirePosition;
        private final StageMetrics metrics;
        private FixedKeyProcessorContext<String, Routed<Alert>> context;

        Decode(AlertDecoder decoder, boolean requirePosition, StageMetrics metrics) {
            this.decoder = decoder;
            this.requirePosition = requirePosition;
            this.metrics = metrics;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Routed<Alert>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            metrics.alertIn();
            byte[] key = record.key() == null ? null : record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Routed<Alert> routed;
            try {
                Alert alert = decode(record);
                if (requirePosition && !alert.hasUsablePosition()) {
                    routed = Routed.dead(key, record.value(), NO_POSITION, "alert " + alert.alertId() + " of object "
                            + alert.objectId() + " has no usable position: ra=" + alert.raDeg() + ", dec="
                            + alert.decDeg() + " (expected finite ra in [0, 360) and dec in [-90, 90])");
                } else {
                    routed = Routed.ok(alert);
                }
            } catch (AlertDecodeException e) {
                routed = Routed.dead(key, record.value(), e.failure().code(), e.getMessage());
            }
            context.forward(record.withValue(routed));
        }

        private Alert decode(FixedKeyRecord<String, byte[]> record) throws AlertDecodeException {
            var format = AlertHeaders.get(record.headers(), AlertHeaders.FORMAT);
            if (format.isPresent()) {
                try {
                    return decoder.decode(record.value(), AlertFormat.fromCode(format.get()));
                } catch (IllegalArgumentException unknownHeader) {
                    return decoder.decode(record.value());
                }
            }
            return decoder.decode(record.value());
        }
    }
}
