package uk.ac.lsst.pipeline.alert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.Decoder;
import org.apache.avro.util.Utf8;

/**
 * An Avro binary {@link Decoder} that refuses lengths and item counts larger than the input could hold, so that
 * corrupt or hostile bytes fail with an {@link IOException} instead of a huge allocation.
 *
 * <p>Avro's {@code BinaryDecoder} allocates the buffer for a {@code bytes} or {@code string} value at the length the
 * input claims before reading it, and {@code GenericDatumReader} sizes arrays and maps by the claimed block count:
 * a 10-byte message can ask for 2 GB. Here every such length or count must not exceed {@code limitBytes}, the size
 * of the whole encoded input: a genuine value cannot be longer than the bytes that carry it. (The one legal
 * exception, an array or map of zero-byte items such as {@code null} longer than the message, occurs in no alert
 * schema and is rejected.)
 *
 * <p>NOT thread-safe: one instance per decode call, wrapping that call's binary decoder.
 */
final class BoundedDecoder extends Decoder {
    private final Decoder in;
    private final long limitBytes;

    /**
     * @param in         a binary decoder (not a validating or resolving one: {@code bytes} and {@code string} are
     *                   read here as a length followed by raw bytes)
     * @param limitBytes the number of bytes of the encoded input; no length or count may exceed it
     */
    BoundedDecoder(Decoder in, long limitBytes) {
        this.in = in;
        this.limitBytes = limitBytes;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        return new Utf8(readRawBytes("string"));
    }

    @Override
    public String readString() throws IOException {
        return new String(readRawBytes("string"), StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        in.skipString();
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        return ByteBuffer.wrap(readRawBytes("bytes"));
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipBytes();
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, length);
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(length);
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkCount(in.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return checkCount(in.arrayNext(), "array");
    }

    @Override
    public long skipArray() throws IOException {
        return checkCount(in.skipArray(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return checkCount(in.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return checkCount(in.mapNext(), "map");
    }

    @Override
    public long skipMap() throws IOException {
        return checkCount(in.skipMap(), "map");
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }

    private byte[] readRawBytes(String what) throws IOException {
        long length = in.readLong();
        if (length < 0 || length > limitBytes) {
            throw new IOException(what + " length " + length + " is impossible in " + limitBytes + " bytes of input");
        }
        byte[] bytes = new byte[(int) length];
        in.readFixed(bytes, 0, bytes.length);
        return bytes;
    }

    private long checkCount(long count, String what) throws IOException {
        if (count < 0 || count > limitBytes) {
            throw new IOException(what + " block of " + count + " items is impossible in " + limitBytes
                    + " bytes of input");
        }
        return count;
    }
}
