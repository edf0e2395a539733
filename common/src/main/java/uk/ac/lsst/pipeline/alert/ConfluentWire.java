package uk.ac.lsst.pipeline.alert;

import java.nio.ByteBuffer;

/**
 * The Confluent wire-format frame: byte 0 is {@code 0x00}, bytes 1-4 a big-endian schema id, then the schemaless
 * Avro datum. Stateless.
 */
final class ConfluentWire {
    /** The value of byte 0. */
    static final byte MAGIC = 0x00;
    /** Magic byte plus schema id. */
    static final int HEADER_LENGTH = 5;

    private ConfluentWire() {
    }

    /** True when the bytes could be a frame: magic byte and room for the schema id. */
    static boolean looksFramed(byte[] bytes) {
        return bytes.length >= HEADER_LENGTH && bytes[0] == MAGIC;
    }

    /**
     * The schema id of a frame.
     *
     * @throws AlertDecodeException CORRUPT when the bytes are not a frame
     */
    static int schemaId(byte[] bytes) throws AlertDecodeException {
        if (!looksFramed(bytes)) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "Confluent wire format expected but the "
                    + bytes.length + " bytes do not start with 0x00 and a 4-byte schema id");
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** A frame of the given schema id around the given datum. */
    static byte[] frame(int schemaId, byte[] datum) {
        return ByteBuffer.allocate(HEADER_LENGTH + datum.length)
                .put(MAGIC)
                .putInt(schemaId)
                .put(datum)
                .array();
    }

    /**
     * The Rubin schema version for a schema id laid out as {@code major * 100 + minor} (900 gives "9.0", 1101
     * gives "11.1"); "" for a non-positive id.
     */
    static String rubinVersion(int schemaId) {
        return schemaId <= 0 ? "" : (schemaId / 100) + "." + (schemaId % 100);
    }
}
