package uk.ac.lsst.pipeline.thumbnails.render;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * The entropy-coded part of a grey JPEG file: each block's quantised coefficients Huffman-coded with the standard
 * tables, through a 64-bit bit buffer (held in locals while a block is written, without a branch per word), with
 * libjpeg's byte stuffing and padding, into an output buffer kept from one file to the next.
 *
 * <p>NOT THREAD-SAFE: one per encoder.
 */
final class JpegBlockWriter {
    /**
     * {@code [256 * u + m]}: the zig-zag positions of coefficients (v, u) for the bits v set in m, as a mask of the
     * block's 64 positions.
     */
    private static final long[] COLUMN_ZIGZAG = columnZigzag();
    private static final VarHandle INT_BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final int INITIAL_BYTES = 64 * 1024;
    /** An output buffer grown beyond this by a large image is dropped after it, so memory stays bounded. */
    private static final int RETAINED_BYTES = 1024 * 1024;
    private final int[] dcCode = new int[12];
    private final int[] dcSize = new int[12];
    private final int[] acCode = new int[256];
    private final int[] acSize = new int[256];
    private final byte[] header;
    private byte[] out = new byte[INITIAL_BYTES];
    private int pos;
    private long bitBuffer;
    private int bitCount;

    /** @param quant the quantisation table (natural order) written into the header */
    JpegBlockWriter(int[] quant) {
        JpegTables.deriveCodes(JPEGHuffmanTable.StdDCLuminance, dcCode, dcSize);
        JpegTables.deriveCodes(JPEGHuffmanTable.StdACLuminance, acCode, acSize);
        this.header = JpegTables.headerTemplate(quant);
    }

    /** Starts a file of this size: the header, and the bit buffer empty. */
    void start(int width, int height) {
        pos = 0;
        ensure(header.length + 1024);
        System.arraycopy(header, 0, out, 0, header.length);
        out[JpegTables.HEIGHT_OFFSET] = (byte) (height >> 8);
        out[JpegTables.HEIGHT_OFFSET + 1] = (byte) height;
        out[JpegTables.HEIGHT_OFFSET + 2] = (byte) (width >> 8);
        out[JpegTables.HEIGHT_OFFSET + 3] = (byte) width;
        pos = header.length;
        bitBuffer = 0;
        bitCount = 0;
    }

    /** Ends the file (the bits left, then EOI); returns it in a new array of exactly its length. */
    byte[] finish() {
        flushBits();
        ensure(2);
        out[pos++] = (byte) 0xFF;
        out[pos++] = (byte) 0xD9;
        byte[] file = Arrays.copyOf(out, pos);
        if (out.length > RETAINED_BYTES) {
            out = new byte[INITIAL_BYTES];
        }
        return file;
    }

    /**
     * Writes the block at {@code offset} of a row of blocks in zig-zag order; returns its DC value. The AC
     * coefficients are walked through a mask of the non-zero ones, made from the row's column masks, so the cost is
     * per non-zero coefficient, with no branch per zero to mispredict. Needs 1 KiB of room ({@link #ensure}).
     *
     * @param c       the quantised coefficients of the row: (v, u) of the block at {@code offsets[k] + offset}
     * @param m       per column of the row, bit v set when coefficient (v, u) is not zero
     * @param offsets zig-zag position k -> where coefficient k of the row's first block is in {@code c}
     */
    int encodeBlock(int[] c, int[] m, int[] offsets, int offset, int lastDc) {
        long nonZero = COLUMN_ZIGZAG[m[offset]] | COLUMN_ZIGZAG[256 + m[offset + 1]]
                | COLUMN_ZIGZAG[512 + m[offset + 2]] | COLUMN_ZIGZAG[768 + m[offset + 3]]
                | COLUMN_ZIGZAG[1024 + m[offset + 4]] | COLUMN_ZIGZAG[1280 + m[offset + 5]]
                | COLUMN_ZIGZAG[1536 + m[offset + 6]] | COLUMN_ZIGZAG[1792 + m[offset + 7]];
        int dc = c[offset];
        int diff = dc - lastDc;
        int nbits = magnitudeBits(diff);
        putBits((dcCode[nbits] << nbits) | (diff - (diff >>> 31) & ((1 << nbits) - 1)), dcSize[nbits] + nbits);
        long ac = nonZero & ~1L;
        int last = 0;
        // the bit buffer and position in locals while the block's coefficients are written, as the JIT keeps fields
        // in memory
        byte[] o = out;
        long buffer = bitBuffer;
        int count = bitCount;
        int p = pos;
        int[] codes = acCode;
        int[] sizes = acSize;
        while (ac != 0) {
            int k = Long.numberOfTrailingZeros(ac);
            ac &= ac - 1;
            int run = k - last - 1;
            last = k;
            if (run > 15) {
                bitBuffer = buffer;
                bitCount = count;
                pos = p;
                for (; run > 15; run -= 16) {
                    putBits(acCode[0xF0], acSize[0xF0]);
                }
                buffer = bitBuffer;
                count = bitCount;
                p = pos;
            }
            int v = c[offsets[k] + offset];
            nbits = magnitudeBits(v);
            int symbol = (run << 4) + nbits;
            int n = sizes[symbol] + nbits;
            buffer = (buffer << n) | (codes[symbol] << nbits) | (v - (v >>> 31) & ((1 << nbits) - 1));
            count += n;
            int full = count >>> 5;
            count -= full << 5;
            int word = (int) (buffer >>> count);
            INT_BIG_ENDIAN.set(o, p, word);
            if ((((~word - 0x01010101) & word & 0x80808080) & -full) != 0) {
                pos = p;
                stuffWord(word);
                p = pos;
            } else {
                p += full << 2;
            }
        }
        bitBuffer = buffer;
        bitCount = count;
        pos = p;
        if (last < 63) {
            putBits(acCode[0], acSize[0]);
        }
        return dc;
    }

    private static long[] columnZigzag() {
        int[] position = new int[64];
        for (int k = 0; k < 64; k++) {
            position[JpegTables.NATURAL_ORDER[k]] = k;
        }
        long[] table = new long[8 * 256];
        for (int u = 0; u < 8; u++) {
            for (int m = 0; m < 256; m++) {
                for (int v = 0; v < 8; v++) {
                    if ((m >> v & 1) != 0) {
                        table[256 * u + m] |= 1L << position[8 * v + u];
                    }
                }
            }
        }
        return table;
    }

    private static int magnitudeBits(int v) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    /**
     * Appends {@code value}, which has no bits set above the low {@code n} (n at most 27). Without a branch on whether
     * a word is full: the next 4 bytes are always written, and kept (the position moved past them) only when full.
     * Needs 4 bytes of room at the position.
     */
    private void putBits(int value, int n) {
        long buffer = (bitBuffer << n) | value;
        int count = bitCount + n;
        int full = count >>> 5;
        count -= full << 5;
        int word = (int) (buffer >>> count);
        INT_BIG_ENDIAN.set(out, pos, word);
        bitBuffer = buffer;
        bitCount = count;
        // a whole word with a 0xFF byte in it, which needs a 0 stuffed after it: rare
        if ((((~word - 0x01010101) & word & 0x80808080) & -full) != 0) {
            stuffWord(word);
            return;
        }
        pos += full << 2;
    }

    /** Writes the 4 bytes of a word at the position, each 0xFF followed by a stuffed 0. */
    private void stuffWord(int word) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            putByte((word >>> shift) & 0xff);
        }
    }

    private void putByte(int b) {
        out[pos++] = (byte) b;
        if (b == 0xff) {
            out[pos++] = 0;
        }
    }

    /** Writes the bits left, the last byte padded with 1 bits as libjpeg pads it. */
    private void flushBits() {
        int padding = (8 - (bitCount & 7)) & 7;
        bitBuffer = (bitBuffer << padding) | ((1 << padding) - 1);
        bitCount += padding;
        while (bitCount > 0) {
            bitCount -= 8;
            putByte((int) (bitBuffer >>> bitCount) & 0xff);
        }
    }

    /** Makes room for {@code more} bytes. */
    void ensure(int more) {
        if (pos + more > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, pos + more));
        }
    }
}
