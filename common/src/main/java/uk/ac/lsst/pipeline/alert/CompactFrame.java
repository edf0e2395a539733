package uk.ac.lsst.pipeline.alert;

/**
 * The Avro single-object encoding frame of a compact alert: bytes {@code 0xC3 0x01}, the 8-byte little-endian
 * CRC-64-AVRO fingerprint of the writer schema, then the binary datum (Avro specification, "Single-object
 * encoding"). Stateless.
 */
final class CompactFrame {
    /** Magic plus fingerprint. */
    static final int HEADER_LENGTH = 10;
    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = 0x01;

    private CompactFrame() {
    }

    /** True when the bytes could be a frame: the magic and room for the fingerprint. */
    static boolean looksFramed(byte[] bytes) {
        return bytes.length >= HEADER_LENGTH && bytes[0] == MAGIC_0 && bytes[1] == MAGIC_1;
    }

    /**
     * The writer schema fingerprint of a frame.
     *
     * @throws AlertDecodeException CORRUPT when the bytes are not a frame
     */
    static long fingerprint(byte[] bytes) throws AlertDecodeException {
        if (!looksFramed(bytes)) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "compact alert expected but the " + bytes.length
                    + " bytes do not start with 0xC3 0x01 and an 8-byte schema fingerprint");
        }
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xffL);
        }
        return fingerprint;
    }
}
