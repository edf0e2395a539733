package uk.ac.lsst.pipeline.alert;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;

/**
 * The framing of an Avro Object Container File that holds one alert: header metadata, and where the single
 * (uncompressed) datum lies in the message bytes.
 *
 * <p>Why not {@code DataFileStream}: it allocates metadata values and data blocks at whatever size the bytes claim
 * (a corrupt length asks for up to 2 GB) and parses the 20-30 KB writer schema of every ZTF message afresh. The
 * framing read here is the container layout of the Avro specification (magic, metadata map, 16-byte sync marker,
 * then blocks of count, size, data, sync), read with Avro's own binary decoder under a {@link BoundedDecoder}, so
 * the writer schema can be cached by its text and the datum decoded with a cached reader.
 *
 * <p>Only the {@code null} codec is accepted: ZTF and Fink write uncompressed containers, and a compressed block
 * could inflate without bound.
 *
 * @param metadata     all header metadata, {@code avro.schema} and {@code avro.codec} included (unmodifiable)
 * @param sync         the 16-byte sync marker
 * @param schemaJson   the writer schema text
 * @param codec        the codec name ({@code null})
 * @param datumOffset  where the data of the block holding the record starts in the message
 * @param datumLength  the size of that data in bytes
 */
record OcfContainer(Map<String, byte[]> metadata, byte[] sync, String schemaJson, String codec, int datumOffset,
        int datumLength) {

    private static final byte[] MAGIC = DataFileConstants.MAGIC;
    private static final String NULL_CODEC = DataFileConstants.NULL_CODEC;

    /** True when the bytes start with the OCF magic {@code Obj} + byte 0x01. */
    static boolean hasMagic(byte[] bytes) {
        return bytes.length >= MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * Reads the container framing.
     *
     * @throws AlertDecodeException CORRUPT when the framing is broken, truncated, compressed, or holds no record;
     *                              NOT_AN_ALERT when it holds more than one record
     */
    static OcfContainer parse(byte[] bytes) throws AlertDecodeException {
        if (!hasMagic(bytes)) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "OCF expected but the bytes lack the Obj\\1 magic");
        }
        try {
            return read(bytes);
        } catch (EOFException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "OCF ends early (truncated container)", e);
        } catch (IOException | RuntimeException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "OCF framing does not parse: " + e, e);
        }
    }

    private static OcfContainer read(byte[] bytes) throws IOException, AlertDecodeException {
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes, MAGIC.length, bytes.length - MAGIC.length);
        Decoder decoder = new BoundedDecoder(DecoderFactory.get().directBinaryDecoder(stream, null), bytes.length);
        Map<String, byte[]> metadata = readMetadata(decoder);
        byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
        decoder.readFixed(sync);
        String codec = metadataString(metadata, DataFileConstants.CODEC, NULL_CODEC);
        if (!NULL_CODEC.equals(codec)) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT,
                    "OCF codec '" + codec + "' is not accepted (only uncompressed 'null' containers are decoded)");
        }
        byte[] schemaBytes = metadata.get(DataFileConstants.SCHEMA);
        if (schemaBytes == null) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "OCF header has no avro.schema entry");
        }
        long records = 0;
        int datumOffset = -1;
        int datumLength = 0;
        while (stream.available() > 0) {
            long count = decoder.readLong();
            long size = decoder.readLong();
            int offset = bytes.length - stream.available();
            if (count < 0 || size < 0 || size > stream.available()) {
                throw new AlertDecodeException(DecodeFailure.CORRUPT, "OCF block at byte " + offset + " claims "
                        + count + " records in " + size + " bytes but " + stream.available() + " bytes remain");
            }
            stream.skipNBytes(size);
            checkSync(decoder, sync, offset);
            if (datumOffset < 0 && count > 0) {
                datumOffset = offset;
                datumLength = (int) size;
            }
            records += count;
        }
        if (records == 0) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT, "OCF holds no record (empty container)");
        }
        if (records > 1) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT,
                    "OCF holds " + records + " records; one alert per message expected");
        }
        return new OcfContainer(Collections.unmodifiableMap(metadata), sync,
                new String(schemaBytes, StandardCharsets.UTF_8), codec, datumOffset, datumLength);
    }

    private static Map<String, byte[]> readMetadata(Decoder decoder) throws IOException {
        Map<String, byte[]> metadata = new LinkedHashMap<>();
        for (long n = decoder.readMapStart(); n > 0; n = decoder.mapNext()) {
            for (long i = 0; i < n; i++) {
                String key = decoder.readString();
                metadata.put(key, decoder.readBytes(null).array());
            }
        }
        return metadata;
    }

    private static void checkSync(Decoder decoder, byte[] sync, int blockOffset)
            throws IOException, AlertDecodeException {
        byte[] marker = new byte[sync.length];
        decoder.readFixed(marker);
        if (!Arrays.equals(marker, sync)) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT,
                    "OCF block at byte " + blockOffset + " is not followed by the header's sync marker");
        }
    }

    private static String metadataString(Map<String, byte[]> metadata, String key, String absent) {
        byte[] value = metadata.get(key);
        return value == null ? absent : new String(value, StandardCharsets.UTF_8);
    }
}
