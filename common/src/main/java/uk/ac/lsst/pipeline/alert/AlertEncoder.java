package uk.ac.lsst.pipeline.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes a {@link RawAlert} back in its own format: an OCF with the same writer schema, user metadata, codec and
 * sync marker (the schema text is Avro's canonical rendering of the same schema, not the original bytes); or a
 * Confluent frame with the same schema id. Stateless.
 */
final class AlertEncoder {
    private AlertEncoder() {
    }

    static byte[] encode(RawAlert raw) throws IOException {
        return raw.format() == AlertFormat.OCF ? ocf(raw) : wire(raw);
    }

    private static byte[] ocf(RawAlert raw) throws IOException {
        OcfContainer container = raw.container();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenericDatumWriter<GenericRecord> datumWriter = new GenericDatumWriter<>(raw.writerSchema());
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(datumWriter)) {
            for (Map.Entry<String, byte[]> meta : container.metadata().entrySet()) {
                if (!DataFileWriter.isReservedMeta(meta.getKey())) {
                    writer.setMeta(meta.getKey(), meta.getValue());
                }
            }
            writer.setCodec(CodecFactory.fromString(container.codec()));
            writer.create(raw.writerSchema(), out, container.sync());
            writer.append(raw.record());
        }
        return out.toByteArray();
    }

    private static byte[] wire(RawAlert raw) throws IOException {
        ByteArrayOutputStream datum = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(datum, null);
        new GenericDatumWriter<GenericRecord>(raw.writerSchema()).write(raw.record(), encoder);
        encoder.flush();
        return ConfluentWire.frame(raw.schemaId(), datum.toByteArray());
    }
}
