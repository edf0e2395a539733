package uk.ac.lsst.pipeline.thumbnails.render;

import java.util.Arrays;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * Baseline JPEG encoding of 8-bit grey images that writes exactly the bytes the JDK's ImageIO JPEG writer writes for
 * a {@code TYPE_BYTE_GRAY} image at an explicit quality, in a fraction of its time for small images.
 *
 * <p>It does what the JDK's writer (IJG libjpeg 6b) does, step by step: a JFIF 1.02 header, the standard luminance
 * quantisation table scaled as {@code ImageWriteParam.setCompressionQuality(q / 100)} scales it, edges padded to
 * whole 8x8 blocks by repeating the last column and row, libjpeg's integer DCT ({@code jfdctint.c}, "ISLOW") and its
 * rounding quantisation, and the standard Huffman tables of the JPEG specification (Annex K). The JDK writer spends
 * most of a small image's time outside the DCT (setting up the native compressor, one call back into Java per
 * scanline); here all state is kept from one image to the next.
 *
 * <p>NOT THREAD-SAFE: it reuses its buffers (the output buffer up to 1 MiB, the block plans in proportion to the
 * image's side); one per thread.
 */
final class GreyJpegEncoder {
    /** Zig-zag position k -> natural (row-major) index of the coefficient. */
    private static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };
    private static final int INITIAL_BYTES = 64 * 1024;
    /** An output buffer grown beyond this by a large image is dropped after it, so memory stays bounded. */
    private static final int RETAINED_BYTES = 1024 * 1024;
    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private static final int[][] PASS1_FORMS = pass1Forms();
    private static final int[][] PASS2_FORMS = pass2Forms();

    private final int[] quant;
    /**
     * Per coefficient (natural order): {@code t / (8 * quant)} for {@code 0 <= t < 2^15} (every DCT output of 8-bit
     * samples plus half the divisor) is {@code (t * multiplier) >>> shift}, exactly.
     */
    private final int[] multiplier = new int[64];
    private final int[] shift = new int[64];
    private final int[] halfDivisor = new int[64];
    private final int[] dcCode = new int[12];
    private final int[] dcSize = new int[12];
    private final int[] acCode = new int[256];
    private final int[] acSize = new int[256];
    private final byte[] header;
    private final int[] block = new int[64];
    /** The quantised coefficients of the block in zig-zag order. */
    private final int[] zigzag = new int[64];
    private final int[] rowPass = new int[64];
    private int[] identityColumns = new int[0];
    private int[] identityRows = new int[0];
    /** Block columns, with the row pass of the DCT. */
    private final AxisPlan columns = new AxisPlan(PASS1_FORMS);
    /** Block rows, with the column pass of the DCT. */
    private final AxisPlan rows = new AxisPlan(PASS2_FORMS);
    private byte[] out = new byte[INITIAL_BYTES];
    private int pos;
    private long bitBuffer;
    private int bitCount;

    /** @param quality 1-100, as {@code ImageWriteParam.setCompressionQuality(quality / 100f)} */
    GreyJpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1 to 100, got " + quality);
        }
        this.quant = luminanceTable(quality);
        for (int i = 0; i < 64; i++) {
            int divisor = quant[i] << 3;
            shift[i] = divisionShift(divisor);
            multiplier[i] = divisionMultiplier(divisor);
            halfDivisor[i] = divisor >> 1;
        }
        deriveCodes(JPEGHuffmanTable.StdDCLuminance, dcCode, dcSize);
        deriveCodes(JPEGHuffmanTable.StdACLuminance, acCode, acSize);
        this.header = headerTemplate(quant);
    }

    /** {@code 15 + ceil(log2(divisor))}: with it, {@code t * multiplier} stays below 2^31 for t below 2^15. */
    static int divisionShift(int divisor) {
        return 15 + 32 - Integer.numberOfLeadingZeros(divisor - 1);
    }

    /** {@code ceil(2^shift / divisor)}. */
    static int divisionMultiplier(int divisor) {
        return (int) (((1L << divisionShift(divisor)) + divisor - 1) / divisor);
    }

    /**
     * The quantisation table (natural order) of the JDK writer at this quality: the standard luminance table scaled by
     * IJG's linear quality factor, limited to 1-255.
     */
    static int[] luminanceTable(int quality) {
        float q = quality / 100f;
        float linear = q < 0.5f ? 0.5f / q : 2.0f - q * 2.0f;
        return JPEGQTable.K1Luminance.getScaledInstance(linear, true).getTable();
    }

    /**
     * Encodes {@code pixels[y * width + x]} (row 0 at the top).
     *
     * @return the JPEG file, in a new array of exactly its length
     */
    byte[] encode(byte[] pixels, int width, int height) {
        checkSize(width, height);
        if (identityColumns.length < width) {
            identityColumns = new int[width];
        }
        for (int x = 0; x < width; x++) {
            identityColumns[x] = x;
        }
        if (identityRows.length < height) {
            identityRows = new int[height];
        }
        for (int y = 0; y < height; y++) {
            identityRows[y] = y * width;
        }
        return encode(pixels, identityColumns, identityRows, width, height);
    }

    /**
     * Encodes the image whose pixel (x, y) (row 0 at the top) is {@code source[rowStart[y] + column[x]]}: a nearest
     * neighbour enlargement (or any other remapping) of {@code source} without making it. Repeated rows and columns
     * within a block are transformed once: each output of the DCT is an integer form of the samples, exact up to its
     * final rounding, so summing the form over repeated samples gives the coefficients of the enlarged image exactly,
     * in a fraction of the operations.
     *
     * @param column   the source column of every output column, {@code width} of them
     * @param rowStart the index in {@code source} of the first pixel of the row shown on every output row
     * @return the JPEG file, in a new array of exactly its length
     */
    byte[] encode(byte[] source, int[] column, int[] rowStart, int width, int height) {
        checkSize(width, height);
        int blocksX = (width + 7) >> 3;
        int blocksY = (height + 7) >> 3;
        columns.plan(column, width, blocksX);
        rows.plan(rowStart, height, blocksY);
        startFile(width, height);
        int lastDc = 0;
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                ensure(1024);
                transform(source, bx, by);
                lastDc = encodeBlock(lastDc);
            }
        }
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

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("cannot encode a " + width + "x" + height + " JPEG");
        }
    }

    private void startFile(int width, int height) {
        pos = 0;
        ensure(header.length + 1024);
        System.arraycopy(header, 0, out, 0, header.length);
        out[HEIGHT_OFFSET] = (byte) (height >> 8);
        out[HEIGHT_OFFSET + 1] = (byte) height;
        out[HEIGHT_OFFSET + 2] = (byte) (width >> 8);
        out[HEIGHT_OFFSET + 3] = (byte) width;
        pos = header.length;
        bitBuffer = 0;
        bitCount = 0;
    }

    /**
     * Groups the 8 values {@code map[8 * block ..]} into runs of equal neighbours; writes each run's value to
     * {@code runValue[8 * block + s]} and the sum of the DCT forms over its members to
     * {@code matrix[64 * block + 8 * s + u]}. Returns the number of runs.
     */
    private static int runs(int[] map, int block, int[] runValue, int[] matrix, int[][] forms) {
        int from = 8 * block;
        int n = 0;
        Arrays.fill(matrix, 64 * block, 64 * block + 64, 0);
        for (int j = 0; j < 8; j++) {
            if (j == 0 || map[from + j] != map[from + j - 1]) {
                runValue[from + n] = map[from + j];
                n++;
            }
            for (int u = 0; u < 8; u++) {
                matrix[64 * block + 8 * (n - 1) + u] += forms[u][j];
            }
        }
        return n;
    }

    /** The DCT of block (bx, by), scaled as libjpeg's, into {@link #block}. */
    private void transform(byte[] source, int bx, int by) {
        int nc = columns.runs[bx];
        int nr = rows.runs[by];
        if (nr * (nc + 8) > 84) {
            gather(source, bx, by);
            forwardDct(block);
            return;
        }
        int[] a = columns.matrix;
        int[] c = rows.matrix;
        int[] r = rowPass;
        int[] d = block;
        int aBase = 64 * bx;
        int cBase = 64 * by;
        for (int s = 0; s < nr; s++) {
            int start = rows.runValue[8 * by + s];
            int rs = 8 * s;
            for (int u = 0; u < 8; u++) {
                r[rs + u] = 1 << 10;
            }
            for (int t = 0; t < nc; t++) {
                int pixel = (source[start + columns.runValue[8 * bx + t]] & 0xff) - 128;
                int at = aBase + 8 * t;
                for (int u = 0; u < 8; u++) {
                    r[rs + u] += a[at + u] * pixel;
                }
            }
            for (int u = 0; u < 8; u++) {
                r[rs + u] >>= 11;
            }
        }
        for (int v = 0; v < 8; v++) {
            int dv = 8 * v;
            for (int u = 0; u < 8; u++) {
                d[dv + u] = 1 << 14;
            }
            for (int s = 0; s < nr; s++) {
                int coefficient = c[cBase + 8 * s + v];
                int rs = 8 * s;
                for (int u = 0; u < 8; u++) {
                    d[dv + u] += coefficient * r[rs + u];
                }
            }
            for (int u = 0; u < 8; u++) {
                d[dv + u] >>= 15;
            }
        }
    }

    /** The 64 samples of block (bx, by), centred on zero. */
    private void gather(byte[] source, int bx, int by) {
        int[] b = block;
        for (int r = 0, i = 0; r < 8; r++) {
            int start = rows.of[8 * by + r];
            for (int c = 0; c < 8; c++) {
                b[i++] = (source[start + columns.of[8 * bx + c]] & 0xff) - 128;
            }
        }
    }

    /**
     * One 1-d pass of the ISLOW DCT before its final rounding, as integer forms of the 8 inputs: {@code [u][j]} is
     * output u for a unit input at j (the same operations as {@link #forwardDct}, which is linear up to rounding).
     */
    private static int[][] rawForms() {
        int[][] forms = new int[8][8];
        for (int j = 0; j < 8; j++) {
            int[] x = new int[8];
            x[j] = 1;
            int tmp0 = x[0] + x[7];
            int tmp7 = x[0] - x[7];
            int tmp1 = x[1] + x[6];
            int tmp6 = x[1] - x[6];
            int tmp2 = x[2] + x[5];
            int tmp5 = x[2] - x[5];
            int tmp3 = x[3] + x[4];
            int tmp4 = x[3] - x[4];
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            forms[0][j] = tmp10 + tmp11;
            forms[4][j] = tmp10 - tmp11;
            int z1 = (tmp12 + tmp13) * FIX_0_541196100;
            forms[2][j] = z1 + tmp13 * FIX_0_765366865;
            forms[6][j] = z1 - tmp12 * FIX_1_847759065;
            int o1 = tmp4 + tmp7;
            int o2 = tmp5 + tmp6;
            int o3 = tmp4 + tmp6;
            int o4 = tmp5 + tmp7;
            int z5 = (o3 + o4) * FIX_1_175875602;
            o1 *= -FIX_0_899976223;
            o2 *= -FIX_2_562915447;
            o3 = o3 * -FIX_1_961570560 + z5;
            o4 = o4 * -FIX_0_390180644 + z5;
            forms[7][j] = tmp4 * FIX_0_298631336 + o1 + o3;
            forms[5][j] = tmp5 * FIX_2_053119869 + o2 + o4;
            forms[3][j] = tmp6 * FIX_3_072711026 + o2 + o3;
            forms[1][j] = tmp7 * FIX_1_501321110 + o1 + o4;
        }
        return forms;
    }

    /**
     * Row pass, every output descaled by 11 bits: outputs 0 and 4, which the DCT shifts left by PASS1_BITS and does
     * not round, are scaled by a further 2^11, so that {@code (f * 2^11 + 2^10) >> 11 == f} gives them unchanged.
     */
    private static int[][] pass1Forms() {
        int[][] forms = rawForms();
        for (int j = 0; j < 8; j++) {
            forms[0][j] <<= PASS1_BITS + CONST_BITS - PASS1_BITS;
            forms[4][j] <<= PASS1_BITS + CONST_BITS - PASS1_BITS;
        }
        return forms;
    }

    /**
     * Column pass, every output descaled by 15 bits: outputs 0 and 4, which the DCT descales by PASS1_BITS only,
     * are scaled by 2^13, as {@code (f * 2^13 + 2^14) >> 15 == (f + 2) >> 2}.
     */
    private static int[][] pass2Forms() {
        int[][] forms = rawForms();
        for (int j = 0; j < 8; j++) {
            forms[0][j] <<= CONST_BITS;
            forms[4][j] <<= CONST_BITS;
        }
        return forms;
    }

    /** libjpeg's {@code jpeg_fdct_islow}, in place; results scaled up by 8. */
    static void forwardDct(int[] d) {
        for (int p = 0; p < 64; p += 8) {
            int tmp0 = d[p] + d[p + 7];
            int tmp7 = d[p] - d[p + 7];
            int tmp1 = d[p + 1] + d[p + 6];
            int tmp6 = d[p + 1] - d[p + 6];
            int tmp2 = d[p + 2] + d[p + 5];
            int tmp5 = d[p + 2] - d[p + 5];
            int tmp3 = d[p + 3] + d[p + 4];
            int tmp4 = d[p + 3] - d[p + 4];
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            d[p] = (tmp10 + tmp11) << PASS1_BITS;
            d[p + 4] = (tmp10 - tmp11) << PASS1_BITS;
            int z1 = (tmp12 + tmp13) * FIX_0_541196100;
            d[p + 2] = descale(z1 + tmp13 * FIX_0_765366865, CONST_BITS - PASS1_BITS);
            d[p + 6] = descale(z1 - tmp12 * FIX_1_847759065, CONST_BITS - PASS1_BITS);
            odd(d, p, 1, tmp4, tmp5, tmp6, tmp7, CONST_BITS - PASS1_BITS);
        }
        for (int p = 0; p < 8; p++) {
            int tmp0 = d[p] + d[p + 56];
            int tmp7 = d[p] - d[p + 56];
            int tmp1 = d[p + 8] + d[p + 48];
            int tmp6 = d[p + 8] - d[p + 48];
            int tmp2 = d[p + 16] + d[p + 40];
            int tmp5 = d[p + 16] - d[p + 40];
            int tmp3 = d[p + 24] + d[p + 32];
            int tmp4 = d[p + 24] - d[p + 32];
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            d[p] = descale(tmp10 + tmp11, PASS1_BITS);
            d[p + 32] = descale(tmp10 - tmp11, PASS1_BITS);
            int z1 = (tmp12 + tmp13) * FIX_0_541196100;
            d[p + 16] = descale(z1 + tmp13 * FIX_0_765366865, CONST_BITS + PASS1_BITS);
            d[p + 48] = descale(z1 - tmp12 * FIX_1_847759065, CONST_BITS + PASS1_BITS);
            odd(d, p, 8, tmp4, tmp5, tmp6, tmp7, CONST_BITS + PASS1_BITS);
        }
    }

    /** The odd part of one row ({@code step} 1) or column ({@code step} 8) of the ISLOW DCT. */
    private static void odd(int[] d, int p, int step, int tmp4, int tmp5, int tmp6, int tmp7, int shift) {
        int z1 = tmp4 + tmp7;
        int z2 = tmp5 + tmp6;
        int z3 = tmp4 + tmp6;
        int z4 = tmp5 + tmp7;
        int z5 = (z3 + z4) * FIX_1_175875602;
        tmp4 *= FIX_0_298631336;
        tmp5 *= FIX_2_053119869;
        tmp6 *= FIX_3_072711026;
        tmp7 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 = z3 * -FIX_1_961570560 + z5;
        z4 = z4 * -FIX_0_390180644 + z5;
        d[p + 7 * step] = descale(tmp4 + z1 + z3, shift);
        d[p + 5 * step] = descale(tmp5 + z2 + z4, shift);
        d[p + 3 * step] = descale(tmp6 + z2 + z3, shift);
        d[p + step] = descale(tmp7 + z1 + z4, shift);
    }

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    /**
     * Quantises the block as libjpeg does (round half away from zero) and writes it in zig-zag order; returns its DC
     * value. The AC coefficients are walked through a mask of the non-zero ones, so the cost is per non-zero
     * coefficient, with no branch per zero to mispredict.
     */
    private int encodeBlock(int lastDc) {
        int[] b = block;
        for (int i = 0; i < 64; i++) {
            int t = b[i];
            int sign = t >> 31;
            int magnitude = (((t ^ sign) - sign + halfDivisor[i]) * multiplier[i]) >>> shift[i];
            b[i] = (magnitude ^ sign) - sign;
        }
        int[] z = zigzag;
        long nonZero = 0;
        for (int k = 0; k < 64; k++) {
            int v = b[NATURAL_ORDER[k]];
            z[k] = v;
            nonZero |= (long) ((v | -v) >>> 31) << k;
        }
        int dc = z[0];
        int diff = dc - lastDc;
        int nbits = magnitudeBits(diff);
        putBits((dcCode[nbits] << nbits) | (diff - (diff >>> 31) & ((1 << nbits) - 1)), dcSize[nbits] + nbits);
        long ac = nonZero & ~1L;
        int last = 0;
        while (ac != 0) {
            int k = Long.numberOfTrailingZeros(ac);
            ac &= ac - 1;
            int run = k - last - 1;
            while (run > 15) {
                putBits(acCode[0xF0], acSize[0xF0]);
                run -= 16;
            }
            int v = z[k];
            nbits = magnitudeBits(v);
            int symbol = (run << 4) + nbits;
            putBits((acCode[symbol] << nbits) | (v - (v >>> 31) & ((1 << nbits) - 1)), acSize[symbol] + nbits);
            last = k;
        }
        if (last < 63) {
            putBits(acCode[0], acSize[0]);
        }
        return dc;
    }

    private static int magnitudeBits(int v) {
        return 32 - Integer.numberOfLeadingZeros(Math.abs(v));
    }

    /** Appends {@code value}, which has no bits set above the low {@code n} (n at most 27). */
    private void putBits(int value, int n) {
        bitBuffer = (bitBuffer << n) | value;
        bitCount += n;
        if (bitCount >= 32) {
            bitCount -= 32;
            putWord((int) (bitBuffer >>> bitCount));
        }
    }

    /** Writes 4 bytes, each 0xFF followed by a stuffed 0. */
    private void putWord(int word) {
        int inverted = ~word;
        if (((inverted - 0x01010101) & ~inverted & 0x80808080) == 0) {
            out[pos] = (byte) (word >>> 24);
            out[pos + 1] = (byte) (word >>> 16);
            out[pos + 2] = (byte) (word >>> 8);
            out[pos + 3] = (byte) word;
            pos += 4;
            return;
        }
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

    private void ensure(int more) {
        if (pos + more > out.length) {
            out = Arrays.copyOf(out, Math.max(2 * out.length, pos + more));
        }
    }

    /** Code and length of every symbol of a Huffman table (jchuff.c {@code jpeg_make_c_derived_tbl}). */
    private static void deriveCodes(JPEGHuffmanTable table, int[] codes, int[] sizes) {
        short[] lengths = table.getLengths();
        short[] values = table.getValues();
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            for (int i = 0; i < lengths[length - 1]; i++) {
                codes[values[k]] = code;
                sizes[values[k]] = length;
                code++;
                k++;
            }
            code <<= 1;
        }
    }

    /** Offset of the image height in the header (the width follows). */
    private static final int HEIGHT_OFFSET = 2 + 18 + 69 + 5;

    /** SOI, JFIF APP0, DQT, SOF0 (size filled per image), DHT (DC), DHT (AC), SOS: as the JDK writer orders them. */
    private static byte[] headerTemplate(int[] quant) {
        java.io.ByteArrayOutputStream h = new java.io.ByteArrayOutputStream(512);
        bytes(h, 0xFF, 0xD8);
        bytes(h, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 0, 0, 1, 0, 1, 0, 0);
        bytes(h, 0xFF, 0xDB, 0, 67, 0);
        for (int k = 0; k < 64; k++) {
            h.write(quant[NATURAL_ORDER[k]]);
        }
        bytes(h, 0xFF, 0xC0, 0, 11, 8, 0, 0, 0, 0, 1, 1, 0x11, 0);
        huffmanSegment(h, 0x00, JPEGHuffmanTable.StdDCLuminance);
        huffmanSegment(h, 0x10, JPEGHuffmanTable.StdACLuminance);
        bytes(h, 0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0);
        return h.toByteArray();
    }

    private static void huffmanSegment(java.io.ByteArrayOutputStream h, int classAndId, JPEGHuffmanTable table) {
        short[] lengths = table.getLengths();
        short[] values = table.getValues();
        int length = 2 + 1 + 16 + values.length;
        bytes(h, 0xFF, 0xC4, length >> 8, length & 0xff, classAndId);
        for (short l : lengths) {
            h.write(l);
        }
        for (short v : values) {
            h.write(v);
        }
    }

    private static void bytes(java.io.ByteArrayOutputStream h, int... values) {
        for (int v : values) {
            h.write(v);
        }
    }
    /**
     * The plan of one axis of the blocks (columns or rows): for every block, its 8 source indices (the last one
     * repeated past the image, as libjpeg pads), the runs of equal ones, and one pass of the DCT as a matrix over the
     * runs. Arrays grow with the image and are kept for the next one.
     */
    private static final class AxisPlan {
        private final int[][] forms;
        /** The source index of every position, 8 per block. */
        int[] of = new int[0];
        /** The number of runs of every block. */
        int[] runs = new int[0];
        /** The source index of each run, 8 slots per block. */
        int[] runValue = new int[0];
        /** The DCT pass summed over each run's members, 64 per block. */
        int[] matrix = new int[0];

        AxisPlan(int[][] forms) {
            this.forms = forms;
        }

        /** @param map the source index of every output position, {@code length} of them */
        void plan(int[] map, int length, int blocks) {
            if (of.length < blocks * 8) {
                of = new int[blocks * 8];
                runs = new int[blocks];
                runValue = new int[blocks * 8];
                matrix = new int[blocks * 64];
            }
            for (int i = 0; i < blocks * 8; i++) {
                of[i] = map[Math.min(i, length - 1)];
            }
            for (int block = 0; block < blocks; block++) {
                runs[block] = GreyJpegEncoder.runs(of, block, runValue, matrix, forms);
            }
        }
    }
}
