package uk.ac.lsst.pipeline.alert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * Writes a {@link RawAlert} back in its own format: an OCF with the same writer schema, user metadata, codec and
 * sync marker (the schema text is Avro's canonical rendering of the same schema, not the original bytes); or a
 * Confluent frame with the same schema id; or a compact alert in single-object encoding. Stateless.
 */
final class AlertEncoder {
    private AlertEncoder() {
    }

    static byte[] encode(RawAlert raw) throws IOException {
        return switch (raw.format()) {
            case OCF -> ocf(raw);
            case CONFLUENT_WIRE -> wire(raw);
            case COMPACT -> singleObject(raw);
        };
    }

    private static byte[] singleObject(RawAlert raw) throws IOException {
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), raw.writerSchema())
                .encode(raw.record());
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
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
