package uk.ac.lsst.pipeline.alert;

import java.util.Objects;

/**
 * Turns the bytes of one Kafka message value into an {@link Alert}.
 *
 * <p>Input: an Avro Object Container File holding exactly one record (ZTF; Fink's Rubin samples), writer schema
 * embedded, uncompressed; or a Confluent wire-format message (Rubin) whose writer schema comes from the
 * {@link SchemaSource}; or a compact alert ({@link AlertFormat#COMPACT}) written under a schema version bundled
 * here. The survey is told from the record shape and the fields are normalised as described by {@link Alert}; the
 * odd cases (ZTF schema 1.1, Rubin sources without a diaObject) are documented on the package-private
 * {@code ZtfNormaliser} and {@code RubinNormaliser}. A compact alert normalises to the view of the alert it was
 * made from, its record being the compact record. A compact alert whose fingerprint is no known version is
 * {@link DecodeFailure#UNKNOWN_SCHEMA}.
 *
 * <p>Failures: {@link #decode} throws only {@link AlertDecodeException}, never a runtime exception, whatever the
 * bytes. Lengths and counts inside the bytes are checked against the message size before anything is allocated.
 * An OCF holding no record is {@link DecodeFailure#CORRUPT} (an empty container, or one cut after its header);
 * one holding several records is {@link DecodeFailure#NOT_AN_ALERT}; a compressed OCF is CORRUPT (not accepted).
 *
 * <p>Thread-safe: one instance may be shared by all stream threads (schemas and readers are cached).
 */
public final class AlertDecoder {
    private final RawAlertReader reader;
    private final int maxBytes;

    /**
     * @param schemas       where Confluent wire-format writer schemas come from (may be a source that knows none,
     *                      see {@link SchemaSources#none()}, if only OCF input is expected)
     * @param withCutouts   false to skip the cutout bytes while decoding (cheaper; {@link Alert#cutout} is then empty)
     * @param maxBytes      messages longer than this fail with {@link DecodeFailure#TOO_LARGE}; must be positive
     */
    public AlertDecoder(SchemaSource schemas, boolean withCutouts, int maxBytes) {
        Objects.requireNonNull(schemas, "schemas");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        this.reader = new RawAlertReader(schemas, withCutouts);
        this.maxBytes = maxBytes;
    }

    /**
     * The format told by the first bytes: the Avro OCF magic ({@code Obj} + byte 0x01) gives OCF; a first byte
     * {@code 0x00} followed by at least 4 bytes gives Confluent wire format; the single-object magic
     * {@code 0xC3 0x01} followed by at least 8 bytes gives COMPACT.
     *
     * @throws AlertDecodeException EMPTY for null or zero-length bytes, UNKNOWN_FORMAT otherwise
     */
    public static AlertFormat detectFormat(byte[] bytes) throws AlertDecodeException {
        requireNonEmpty(bytes);
        if (OcfContainer.hasMagic(bytes)) {
            return AlertFormat.OCF;
        }
        if (ConfluentWire.looksFramed(bytes)) {
            return AlertFormat.CONFLUENT_WIRE;
        }
        if (CompactFrame.looksFramed(bytes)) {
            return AlertFormat.COMPACT;
        }
        throw new AlertDecodeException(DecodeFailure.UNKNOWN_FORMAT, String.format(
                "%d bytes starting %s are neither an Avro OCF (Obj\\1), Confluent wire format (0x00 + schema id)"
                        + " nor a compact alert (0xC3 0x01 + fingerprint)",
                bytes.length, hexPrefix(bytes)));
    }

    /** Decodes, detecting the format from the bytes. */
    public Alert decode(byte[] bytes) throws AlertDecodeException {
        checkSize(bytes);
        return decodeChecked(bytes, detectFormat(bytes));
    }

    /**
     * Decodes bytes of a known format (from a header or a setting).
     *
     * @throws AlertDecodeException CORRUPT (among others) when the bytes do not start as that format does
     */
    public Alert decode(byte[] bytes, AlertFormat format) throws AlertDecodeException {
        Objects.requireNonNull(format, "format");
        checkSize(bytes);
        return decodeChecked(bytes, format);
    }

    private static void requireNonEmpty(byte[] bytes) throws AlertDecodeException {
        if (bytes == null || bytes.length == 0) {
            String what = bytes == null ? "null" : "empty";
            throw new AlertDecodeException(DecodeFailure.EMPTY, "message value is " + what);
        }
    }

    private void checkSize(byte[] bytes) throws AlertDecodeException {
        requireNonEmpty(bytes);
        if (bytes.length > maxBytes) {
            throw new AlertDecodeException(DecodeFailure.TOO_LARGE,
                    "message of " + bytes.length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
    }

    private Alert decodeChecked(byte[] bytes, AlertFormat format) throws AlertDecodeException {
        return AlertNormaliser.normalise(reader.read(bytes, format));
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 8); i++) {
            hex.append(String.format("%02x", bytes[i] & 0xff));
        }
        return hex.toString();
    }
}
