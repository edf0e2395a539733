package uk.ac.lsst.pipeline.ingest;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.compact.CompactAlerts;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageMetrics;

/**
 * Validates one upstream message by decoding it (cutouts skipped), re-keys it by object id and labels it with
 * {@link AlertHeaders}; the value bytes are passed on untouched, with the alert's compact form beside them.
 * Undecodable messages become dead letters.
 * One instance per stream task (not thread-safe); the decoder is shared.
 */
final class IngestProcessor implements Processor<byte[], byte[], String, Routed<IngestedAlert>> {
    private final AlertDecoder decoder;
    private final StageMetrics metrics;
    private ProcessorContext<String, Routed<IngestedAlert>> context;

    IngestProcessor(AlertDecoder decoder, StageMetrics metrics) {
        this.decoder = decoder;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed<IngestedAlert>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.alertIn();
        byte[] value = record.value();
        Alert alert;
        try {
            alert = decoder.decode(value);
        } catch (AlertDecodeException e) {
            context.forward(record.withKey((String) null)
                    .withValue(Routed.dead(record.key(), value, e.failure().code(), e.getMessage())));
            return;
        }
        Headers headers = record.headers();
        AlertHeaders.put(headers, AlertHeaders.SURVEY, alert.survey());
        AlertHeaders.put(headers, AlertHeaders.FORMAT, alert.format().code());
        if (alert.format() == AlertFormat.CONFLUENT_WIRE) {
            AlertHeaders.put(headers, AlertHeaders.SCHEMA_ID, alert.schemaId());
        }
        AlertHeaders.put(headers, AlertHeaders.ALERT_ID, alert.alertId());
        AlertHeaders.put(headers, AlertHeaders.OBJECT_ID, alert.objectId());
        context.recordMetadata().ifPresent(m -> {
            AlertHeaders.put(headers, AlertHeaders.UPSTREAM_TOPIC, m.topic());
            AlertHeaders.put(headers, AlertHeaders.UPSTREAM_PARTITION, m.partition());
            AlertHeaders.put(headers, AlertHeaders.UPSTREAM_OFFSET, m.offset());
        });
        AlertHeaders.put(headers, AlertHeaders.UPSTREAM_TIMESTAMP, record.timestamp());
        metrics.alertOut();
        context.forward(record.withKey(alert.objectId())
                .withValue(Routed.ok(new IngestedAlert(value, CompactAlerts.encode(alert)))));
    }
}
