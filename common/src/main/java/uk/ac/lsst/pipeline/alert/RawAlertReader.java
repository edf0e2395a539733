package uk.ac.lsst.pipeline.alert;

import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema;

/**
 * Turns message bytes of a known format into a {@link RawAlert}: the framing, the writer schema (embedded, from
 * the {@link SchemaSource}, or for compact alerts one of the bundled versions found by fingerprint), and the
 * datum. Every failure comes out as an {@link AlertDecodeException}.
 *
 * <p>Thread-safe (schemas and readers are cached in concurrent maps).
 */
final class RawAlertReader {
    private final SchemaSource schemas;
    private final WriterSchemas writerSchemas = new WriterSchemas();
    private final DatumReaders readers;

    /**
     * @param schemas     where Confluent wire-format writer schemas come from
     * @param withCutouts false to skip the cutout fields while decoding
     */
    RawAlertReader(SchemaSource schemas, boolean withCutouts) {
        this.schemas = schemas;
        this.readers = new DatumReaders(withCutouts);
    }

    RawAlert read(byte[] bytes, AlertFormat format) throws AlertDecodeException {
        try {
            return switch (format) {
                case OCF -> readOcf(bytes);
                case CONFLUENT_WIRE -> readWire(bytes);
                case COMPACT -> readCompact(bytes);
            };
        } catch (EOFException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT,
                    "datum ends early (truncated " + format.code() + " message)", e);
        } catch (IOException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "datum does not decode: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "datum does not decode: " + e, e);
        }
    }

    private RawAlert readOcf(byte[] bytes) throws IOException, AlertDecodeException {
        OcfContainer container = OcfContainer.parse(bytes);
        Schema writer = writerSchemas.parse(container.schemaJson());
        GenericRecord record = readers.read(writer, bytes, container.datumOffset(), container.datumLength());
        return new RawAlert(record, writer, AlertFormat.OCF, -1, container);
    }

    private RawAlert readWire(byte[] bytes) throws IOException, AlertDecodeException {
        int schemaId = ConfluentWire.schemaId(bytes);
        Schema writer = writerSchema(schemaId);
        int datumLength = bytes.length - ConfluentWire.HEADER_LENGTH;
        GenericRecord record = readers.read(writer, bytes, ConfluentWire.HEADER_LENGTH, datumLength);
        return new RawAlert(record, writer, AlertFormat.CONFLUENT_WIRE, schemaId, null);
    }

    private RawAlert readCompact(byte[] bytes) throws IOException, AlertDecodeException {
        long fingerprint = CompactFrame.fingerprint(bytes);
        Schema writer = CompactAlertSchema.forFingerprint(fingerprint).orElseThrow(() -> new AlertDecodeException(
                DecodeFailure.UNKNOWN_SCHEMA, "compact alert schema fingerprint "
                        + HexFormat.of().toHexDigits(fingerprint) + " is not a known version (known: "
                        + CompactAlertSchema.knownFingerprints() + ")"));
        int datumLength = bytes.length - CompactFrame.HEADER_LENGTH;
        GenericRecord record = readers.read(writer, bytes, CompactFrame.HEADER_LENGTH, datumLength);
        return new RawAlert(record, writer, AlertFormat.COMPACT, -1, null);
    }

    private Schema writerSchema(int schemaId) throws AlertDecodeException {
        Schema writer;
        try {
            writer = schemas.schema(schemaId);
        } catch (RuntimeException e) {
            throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE,
                    "schema source failed for schema id " + schemaId + ": " + e, e);
        }
        if (writer == null) {
            throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA,
                    "schema source returned no schema for schema id " + schemaId);
        }
        return writer;
    }
}
