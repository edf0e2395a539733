package uk.ac.lsst.pipeline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads alert messages with the plain Avro API, independently of the code under test, to give the values the
 * decoder must reproduce.
 */
final class ReferenceReader {
    private ReferenceReader() {
    }

    /** All records of an OCF, read with {@link DataFileReader}. */
    static List<GenericRecord> ocfRecords(byte[] bytes) {
        try (DataFileReader<GenericRecord> reader =
                new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>())) {
            List<GenericRecord> records = new ArrayList<>();
            reader.forEach(records::add);
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one record of an OCF. */
    static GenericRecord ocfRecord(byte[] bytes) {
        List<GenericRecord> records = ocfRecords(bytes);
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    /** The schema id of a Confluent frame. */
    static int wireSchemaId(byte[] bytes) {
        assertThat(bytes[0]).isZero();
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** The datum of a Confluent frame, read with the given writer schema. */
    static GenericRecord wireRecord(byte[] bytes, Schema writer) {
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            GenericRecord record = new GenericDatumReader<GenericRecord>(writer).read(null, decoder);
            assertThat(decoder.isEnd()).isTrue();
            return record;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GenericRecord nested(GenericRecord record, String field) {
        return (GenericRecord) record.get(field);
    }

    static double number(GenericRecord record, String field) {
        return ((Number) record.get(field)).doubleValue();
    }
}
