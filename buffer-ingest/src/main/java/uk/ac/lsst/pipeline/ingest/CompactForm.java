package uk.ac.lsst.pipeline.ingest;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.stage.AlertHeaders;

/**
 * The compact form of an ingested alert, with a copy of its headers that says so (format {@code compact}, no schema
 * id): the upstream record keeps its own headers. One instance per task (not thread-safe).
 */
final class CompactForm implements FixedKeyProcessor<String, IngestedAlert, byte[]> {
    private FixedKeyProcessorContext<String, byte[]> context;

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, IngestedAlert> record) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.remove(AlertHeaders.SCHEMA_ID);
        AlertHeaders.put(headers, AlertHeaders.FORMAT, AlertFormat.COMPACT.code());
        context.forward(record.withValue(record.value().compact()).withHeaders(headers));
    }
}
