package uk.ac.lsst.pipeline.thumbnails.render;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * <p>The work is organised for the JIT: the DCT's column pass and the quantisation run a whole row of blocks at a
 * time in loops that compile to vector instructions (every array read and written at the loop's index), and the
 * Huffman coder writes through a 64-bit bit buffer held in locals, without a branch per word.
 *
 * <p>NOT THREAD-SAFE: it reuses its buffers (the output buffer up to 1 MiB, the block plans and one row of blocks
 * in proportion to the image's width); one per thread.
 */
final class GreyJpegEncoder {
    /** Zig-zag position k -> natural (row-major) index of the coefficient. */
    private static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };
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
    private int[] identityColumns = new int[0];
    private int[] identityRows = new int[0];
    /** Block columns, with the row pass of the DCT. */
    private final AxisPlan columns = new AxisPlan(PASS1_FORMS);
    /** Block rows, with the column pass of the DCT. */
    private final AxisPlan rows = new AxisPlan(PASS2_FORMS);
    /** The samples per block row ({@code 8 * blocksX}) that the per-row arrays below are laid out for. */
    private int rowLength = -1;
    /**
     * The quantised coefficients of one row of blocks: (v, u) of block bx at {@code v * rowLength + 8 * bx + u}, so
     * that one loop over a whole row of blocks does the column pass and quantisation of each v.
     */
    private int[] coefficients = new int[0];
    /** Along a row of blocks, bit v of {@code [8 * bx + u]} is set when coefficient (v, u) of block bx is not zero. */
    private int[] columnMask = new int[0];
    /** The column pass of every v ({@code [v][j]}) before its descaling (a shift right by 15), over a row of blocks. */
    private final int[][] columnSums = new int[8][0];
    /** One coefficient row (one v) of a row of blocks, quantised, before it is copied into {@link #coefficients}. */
    private int[] quantised = new int[0];
    /**
     * {@link #halfDivisor}, multiplier and scale of coefficient (v, u), repeated along a row of blocks: {@code [v][j]}
     * for coefficient (v, j % 8). Each loop over a row reads and writes its arrays at the same index, and no array
     * at another: only then can the JIT rule out overlaps and use vector instructions.
     */
    private final int[][] rowHalf = new int[8][0];
    private final int[][] rowMultiplier = new int[8][0];
    private final int[][] rowScale = new int[8][0];
    /** Zig-zag position k -> where coefficient k of block 0 is in {@link #coefficients}. */
    private final int[] zigzagOffset = new int[64];
    /**
     * Row passes of source rows over the whole image width, kept from one block row to the next (an enlarged row
     * often falls in two): slots, their source row (index of its first sample) and the block row that last used them.
     */
    private final int[][] rowPasses = new int[16][0];
    private final int[] rowPassKey = new int[16];
    private final int[] rowPassUsed = new int[16];
    /** The row passes of the runs of the current block row. */
    private final int[][] runPass = new int[8][];
    private byte[] out = new byte[INITIAL_BYTES];
    private int pos;
    private long bitBuffer;
    private int bitCount;

    /** @param quality 1-100, as {@code ImageWriteParam.setCompressionQuality(quality / 100f)} */
    GreyJpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1 to 100, got " + quality);
        }
        int[] quant = luminanceTable(quality);
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
        layOutRow(8 * blocksX);
        Arrays.fill(rowPassUsed, -2);
        startFile(width, height);
        int lastDc = 0;
        for (int by = 0; by < blocksY; by++) {
            transformRow(source, by, blocksX);
            for (int bx = 0; bx < blocksX; bx++) {
                ensure(1024);
                lastDc = encodeBlock(8 * bx, lastDc);
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

    /** Sizes the per-row arrays for rows of {@code length} samples (8 per block); kept while the width is the same. */
    private void layOutRow(int length) {
        if (length == rowLength) {
            return;
        }
        rowLength = length;
        if (coefficients.length < 8 * length) {
            coefficients = new int[8 * length];
            quantised = new int[length];
            columnMask = new int[length];
            for (int i = 0; i < rowPasses.length; i++) {
                rowPasses[i] = new int[length];
            }
            for (int v = 0; v < 8; v++) {
                columnSums[v] = new int[length];
                rowHalf[v] = new int[length];
                rowMultiplier[v] = new int[length];
                rowScale[v] = new int[length];
            }
        }
        for (int v = 0; v < 8; v++) {
            for (int j = 0; j < length; j++) {
                int i = 8 * v + (j & 7);
                rowHalf[v][j] = halfDivisor[i];
                rowMultiplier[v][j] = multiplier[i];
                // ((p >>> 18) * 2^(31 - shift)) >>> 13 == p >>> shift, as shift is 18 to 26: the same shifts on all lanes
                rowScale[v][j] = 1 << (31 - shift[i]);
            }
        }
        for (int k = 0; k < 64; k++) {
            zigzagOffset[k] = (NATURAL_ORDER[k] >> 3) * length + (NATURAL_ORDER[k] & 7);
        }
    }

    /**
     * The quantised DCT of every block of block row {@code by} into {@link #coefficients}: the row pass of each
     * distinct source row of the block row (or the one kept from the block row before), then the column pass and the
     * quantisation of each vertical frequency v, each in loops over the whole row of blocks.
     */
    private void transformRow(byte[] source, int by, int blocksX) {
        int nr = rows.runs[by];
        for (int s = 0; s < nr; s++) {
            runPass[s] = null;
            int key = rows.runValue[8 * by + s];
            for (int e = 0; e < rowPasses.length; e++) {
                if (rowPassKey[e] == key && rowPassUsed[e] >= by - 1) {
                    rowPassUsed[e] = by;
                    runPass[s] = rowPasses[e];
                    break;
                }
            }
        }
        for (int s = 0; s < nr; s++) {
            if (runPass[s] != null) {
                continue;
            }
            int e = 0;
            while (rowPassUsed[e] >= by) {
                e++;
            }
            rowPassKey[e] = rows.runValue[8 * by + s];
            rowPassUsed[e] = by;
            runPass[s] = rowPasses[e];
            rowPass(source, rowPassKey[e], runPass[s], blocksX);
        }
        int n = rowLength;
        if (nr == 8) {
            columnPass(n);
        } else {
            int[] c = rows.matrix;
            int cBase = 64 * by;
            for (int v = 0; v < 8; v++) {
                int[] sums = columnSums[v];
                int c0 = c[cBase + v];
                int[] r0 = runPass[0];
                for (int j = 0; j < n; j++) {
                    sums[j] = (1 << 14) + c0 * r0[j];
                }
                for (int s = 1; s < nr; s++) {
                    int cs = c[cBase + 8 * s + v];
                    int[] rs = runPass[s];
                    for (int j = 0; j < n; j++) {
                        sums[j] += cs * rs[j];
                    }
                }
            }
        }
        for (int v = 0; v < 8; v++) {
            quantiseRow(v, n);
            System.arraycopy(quantised, 0, coefficients, v * n, n);
        }
    }

    /**
     * The column pass of a block row of 8 distinct rows (no enlargement) as libjpeg's ISLOW DCT does it, with its
     * butterflies instead of the forms: fewer operations than 8 forms of 8 rows. Same results, before the final
     * descaling, as the forms give.
     */
    private void columnPass(int n) {
        int[] x0 = runPass[0];
        int[] x1 = runPass[1];
        int[] x2 = runPass[2];
        int[] x3 = runPass[3];
        int[] x4 = runPass[4];
        int[] x5 = runPass[5];
        int[] x6 = runPass[6];
        int[] x7 = runPass[7];
        int[] d0 = columnSums[0];
        int[] d1 = columnSums[1];
        int[] d2 = columnSums[2];
        int[] d3 = columnSums[3];
        int[] d4 = columnSums[4];
        int[] d5 = columnSums[5];
        int[] d6 = columnSums[6];
        int[] d7 = columnSums[7];
        int round = 1 << (CONST_BITS + PASS1_BITS - 1);
        for (int j = 0; j < n; j++) {
            int tmp0 = x0[j] + x7[j];
            int tmp7 = x0[j] - x7[j];
            int tmp1 = x1[j] + x6[j];
            int tmp6 = x1[j] - x6[j];
            int tmp2 = x2[j] + x5[j];
            int tmp5 = x2[j] - x5[j];
            int tmp3 = x3[j] + x4[j];
            int tmp4 = x3[j] - x4[j];
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            d0[j] = round + ((tmp10 + tmp11) << CONST_BITS);
            d4[j] = round + ((tmp10 - tmp11) << CONST_BITS);
            int z1 = (tmp12 + tmp13) * FIX_0_541196100;
            d2[j] = round + z1 + tmp13 * FIX_0_765366865;
            d6[j] = round + z1 - tmp12 * FIX_1_847759065;
            int o1 = tmp4 + tmp7;
            int o2 = tmp5 + tmp6;
            int o3 = tmp4 + tmp6;
            int o4 = tmp5 + tmp7;
            int z5 = (o3 + o4) * FIX_1_175875602;
            o1 *= -FIX_0_899976223;
            o2 *= -FIX_2_562915447;
            o3 = o3 * -FIX_1_961570560 + z5;
            o4 = o4 * -FIX_0_390180644 + z5;
            d7[j] = round + tmp4 * FIX_0_298631336 + o1 + o3;
            d5[j] = round + tmp5 * FIX_2_053119869 + o2 + o4;
            d3[j] = round + tmp6 * FIX_3_072711026 + o2 + o3;
            d1[j] = round + tmp7 * FIX_1_501321110 + o1 + o4;
        }
    }

    /**
     * Quantises coefficient row v (from {@link #columnSums} v) into {@link #quantised} as libjpeg does, rounding half
     * away from zero; the same operations on every lane, so that the JIT compiles the loop to vector instructions.
     */
    private void quantiseRow(int v, int n) {
        int[] sums = columnSums[v];
        int[] q = quantised;
        int[] half = rowHalf[v];
        int[] mul = rowMultiplier[v];
        int[] scale = rowScale[v];
        int[] mask = columnMask;
        int bit = 1 << v;
        if (v == 0) {
            Arrays.fill(mask, 0, n, 0);
        }
        for (int j = 0; j < n; j++) {
            int t = sums[j] >> 15;
            int sign = t >> 31;
            int magnitude = (((((t ^ sign) - sign + half[j]) * mul[j]) >>> 18) * scale[j]) >>> 13;
            q[j] = (magnitude ^ sign) - sign;
            mask[j] |= (-magnitude >> 31) & bit;
        }
    }

    /**
     * The row pass of the source row starting at {@code start}, for every block column, into {@code r}: over the runs
     * with the forms, or, where all 8 samples differ (no enlargement), with libjpeg's butterflies.
     */
    private void rowPass(byte[] source, int start, int[] r, int blocksX) {
        int[] a = columns.matrix;
        int[] runValue = columns.runValue;
        for (int bx = 0; bx < blocksX; bx++) {
            int o = 8 * bx;
            int nc = columns.runs[bx];
            if (nc == 8) {
                butterflyRow(r, o, (source[start + runValue[o]] & 0xff) - 128,
                        (source[start + runValue[o + 1]] & 0xff) - 128, (source[start + runValue[o + 2]] & 0xff) - 128,
                        (source[start + runValue[o + 3]] & 0xff) - 128, (source[start + runValue[o + 4]] & 0xff) - 128,
                        (source[start + runValue[o + 5]] & 0xff) - 128, (source[start + runValue[o + 6]] & 0xff) - 128,
                        (source[start + runValue[o + 7]] & 0xff) - 128);
                continue;
            }
            int r0 = 1 << 10;
            int r1 = 1 << 10;
            int r2 = 1 << 10;
            int r3 = 1 << 10;
            int r4 = 1 << 10;
            int r5 = 1 << 10;
            int r6 = 1 << 10;
            int r7 = 1 << 10;
            for (int t = 0; t < nc; t++) {
                int p = (source[start + runValue[o + t]] & 0xff) - 128;
                int at = 64 * bx + 8 * t;
                r0 += a[at] * p;
                r1 += a[at + 1] * p;
                r2 += a[at + 2] * p;
                r3 += a[at + 3] * p;
                r4 += a[at + 4] * p;
                r5 += a[at + 5] * p;
                r6 += a[at + 6] * p;
                r7 += a[at + 7] * p;
            }
            r[o] = r0 >> 11;
            r[o + 1] = r1 >> 11;
            r[o + 2] = r2 >> 11;
            r[o + 3] = r3 >> 11;
            r[o + 4] = r4 >> 11;
            r[o + 5] = r5 >> 11;
            r[o + 6] = r6 >> 11;
            r[o + 7] = r7 >> 11;
        }
    }

    /** Pass 1 of libjpeg's ISLOW DCT on 8 samples, into {@code r[o ..]}: what the forms give for 8 runs. */
    private static void butterflyRow(int[] r, int o, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7) {
        islow(r, o, x0, x1, x2, x3, x4, x5, x6, x7);
        int shift = CONST_BITS - PASS1_BITS;
        int round = 1 << (shift - 1);
        r[o] <<= PASS1_BITS;
        r[o + 1] = (r[o + 1] + round) >> shift;
        r[o + 2] = (r[o + 2] + round) >> shift;
        r[o + 3] = (r[o + 3] + round) >> shift;
        r[o + 4] <<= PASS1_BITS;
        r[o + 5] = (r[o + 5] + round) >> shift;
        r[o + 6] = (r[o + 6] + round) >> shift;
        r[o + 7] = (r[o + 7] + round) >> shift;
    }

    /**
     * One 1-d pass of libjpeg's ISLOW DCT ({@code jfdctint.c}) on 8 values, into {@code out[o + u]} before any
     * scaling: outputs 0 and 4 unscaled, the others scaled up by 2^CONST_BITS. ({@link #columnPass} does the same
     * operations in a loop the JIT can vectorise.)
     */
    private static void islow(int[] out, int o, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7) {
        int tmp0 = x0 + x7;
        int tmp7 = x0 - x7;
        int tmp1 = x1 + x6;
        int tmp6 = x1 - x6;
        int tmp2 = x2 + x5;
        int tmp5 = x2 - x5;
        int tmp3 = x3 + x4;
        int tmp4 = x3 - x4;
        int tmp10 = tmp0 + tmp3;
        int tmp13 = tmp0 - tmp3;
        int tmp11 = tmp1 + tmp2;
        int tmp12 = tmp1 - tmp2;
        out[o] = tmp10 + tmp11;
        out[o + 4] = tmp10 - tmp11;
        int z1 = (tmp12 + tmp13) * FIX_0_541196100;
        out[o + 2] = z1 + tmp13 * FIX_0_765366865;
        out[o + 6] = z1 - tmp12 * FIX_1_847759065;
        int o1 = tmp4 + tmp7;
        int o2 = tmp5 + tmp6;
        int o3 = tmp4 + tmp6;
        int o4 = tmp5 + tmp7;
        int z5 = (o3 + o4) * FIX_1_175875602;
        o1 *= -FIX_0_899976223;
        o2 *= -FIX_2_562915447;
        o3 = o3 * -FIX_1_961570560 + z5;
        o4 = o4 * -FIX_0_390180644 + z5;
        out[o + 7] = tmp4 * FIX_0_298631336 + o1 + o3;
        out[o + 5] = tmp5 * FIX_2_053119869 + o2 + o4;
        out[o + 3] = tmp6 * FIX_3_072711026 + o2 + o3;
        out[o + 1] = tmp7 * FIX_1_501321110 + o1 + o4;
    }

    /**
     * One 1-d pass of the ISLOW DCT before its final rounding, as integer forms of the 8 inputs: {@code [u][j]} is
     * output u for a unit input at j: the operations of libjpeg's {@code jpeg_fdct_islow}, which is linear up to
     * the rounding of each pass's outputs.
     */
    private static int[][] rawForms() {
        int[][] forms = new int[8][8];
        int[] out = new int[8];
        for (int j = 0; j < 8; j++) {
            int[] x = new int[8];
            x[j] = 1;
            islow(out, 0, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]);
            for (int u = 0; u < 8; u++) {
                forms[u][j] = out[u];
            }
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

    /**
     * Writes block {@code offset / 8} of the current block row in zig-zag order; returns its DC value. The AC
     * coefficients are walked through a mask of the non-zero ones, made from {@link #columnMask}, so the cost is per
     * non-zero coefficient, with no branch per zero to mispredict.
     */
    private int encodeBlock(int offset, int lastDc) {
        int[] c = coefficients;
        int[] m = columnMask;
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
        int[] offsets = zigzagOffset;
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
            position[NATURAL_ORDER[k]] = k;
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
