package uk.ac.lsst.pipeline.alert;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes one schemaless Avro datum with a reader cached per writer schema; the reader schema is the writer schema
 * itself, or its projection without cutouts ({@link CutoutFields#withoutCutouts}).
 *
 * <p>Thread-safe: {@code GenericDatumReader} keeps its resolving decoders per thread, and the cache is a
 * concurrent map. At most {@value #MAX_CACHED} writer schemas are cached; readers for further schemas are built
 * per call (slower, but a stream of ever-new schemas cannot exhaust memory).
 */
final class DatumReaders {
    static final int MAX_CACHED = 256;

    private final boolean withCutouts;
    private final ConcurrentMap<Schema, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

    /** @param withCutouts false to read with the projection that skips the cutout fields */
    DatumReaders(boolean withCutouts) {
        this.withCutouts = withCutouts;
    }

    /**
     * Decodes the datum in {@code bytes[offset, offset + length)}, which must be consumed exactly.
     *
     * @throws IOException          when the datum ends early or claims impossible lengths
     * @throws AlertDecodeException NOT_AN_ALERT when the writer schema is not a record; CORRUPT when bytes remain
     *                              after the datum
     */
    GenericRecord read(Schema writer, byte[] bytes, int offset, int length) throws IOException, AlertDecodeException {
        if (writer.getType() != Schema.Type.RECORD) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT,
                    "writer schema is a " + writer.getType() + ", not a record");
        }
        BinaryDecoder binary = DecoderFactory.get().binaryDecoder(bytes, offset, length, null);
        GenericRecord record = reader(writer).read(null, new BoundedDecoder(binary, length));
        if (!binary.isEnd()) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT,
                    "unread bytes follow the " + writer.getFullName() + " datum (trailing garbage)");
        }
        return record;
    }

    private GenericDatumReader<GenericRecord> reader(Schema writer) {
        GenericDatumReader<GenericRecord> cached = readers.get(writer);
        if (cached != null) {
            return cached;
        }
        Schema readerSchema = withCutouts ? writer : CutoutFields.withoutCutouts(writer);
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(writer, readerSchema, GenericData.get());
        if (readers.size() < MAX_CACHED) {
            GenericDatumReader<GenericRecord> raced = readers.putIfAbsent(writer, reader);
            return raced == null ? reader : raced;
        }
        return reader;
    }
}
