package uk.ac.lsst.pipeline.thumbnails.render;

import java.util.Arrays;

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
 * <p>Its parts: {@link JpegTables} (tables and header), {@link AxisPlan} (the blocks' source rows and columns, with
 * repeated ones grouped), {@link IslowDct} (the transform), the row transform and quantisation here, and
 * {@link JpegBlockWriter} (Huffman coding and the bit stream).
 *
 * <p>NOT THREAD-SAFE: it reuses its buffers (the output buffer up to 1 MiB, the block plans and one row of blocks
 * in proportion to the image's width); one per thread.
 */
final class GreyJpegEncoder {
    /**
     * Per coefficient (natural order): {@code t / (8 * quant)} for {@code 0 <= t < 2^15} (every DCT output of 8-bit
     * samples plus half the divisor) is {@code (t * multiplier) >>> shift}, exactly.
     */
    private final int[] multiplier = new int[64];
    private final int[] shift = new int[64];
    private final int[] halfDivisor = new int[64];
    private int[] identityColumns = new int[0];
    private int[] identityRows = new int[0];
    /** Block columns, with the row pass of the DCT. */
    private final AxisPlan columns = new AxisPlan(IslowDct.PASS1_FORMS);
    /** Block rows, with the column pass of the DCT. */
    private final AxisPlan rows = new AxisPlan(IslowDct.PASS2_FORMS);
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
    private final JpegBlockWriter writer;

    /** @param quality 1-100, as {@code ImageWriteParam.setCompressionQuality(quality / 100f)} */
    GreyJpegEncoder(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1 to 100, got " + quality);
        }
        int[] quant = JpegTables.luminanceTable(quality);
        for (int i = 0; i < 64; i++) {
            int divisor = quant[i] << 3;
            shift[i] = divisionShift(divisor);
            multiplier[i] = divisionMultiplier(divisor);
            halfDivisor[i] = divisor >> 1;
        }
        this.writer = new JpegBlockWriter(quant);
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
        writer.start(width, height);
        int lastDc = 0;
        for (int by = 0; by < blocksY; by++) {
            transformRow(source, by, blocksX);
            for (int bx = 0; bx < blocksX; bx++) {
                writer.ensure(1024);
                lastDc = writer.encodeBlock(coefficients, columnMask, zigzagOffset, 8 * bx, lastDc);
            }
        }
        return writer.finish();
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > 65535 || height > 65535) {
            throw new IllegalArgumentException("cannot encode a " + width + "x" + height + " JPEG");
        }
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
            zigzagOffset[k] = (JpegTables.NATURAL_ORDER[k] >> 3) * length + (JpegTables.NATURAL_ORDER[k] & 7);
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
        int round = 1 << (IslowDct.CONST_BITS + IslowDct.PASS1_BITS - 1);
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
            d0[j] = round + ((tmp10 + tmp11) << IslowDct.CONST_BITS);
            d4[j] = round + ((tmp10 - tmp11) << IslowDct.CONST_BITS);
            int z1 = (tmp12 + tmp13) * IslowDct.FIX_0_541196100;
            d2[j] = round + z1 + tmp13 * IslowDct.FIX_0_765366865;
            d6[j] = round + z1 - tmp12 * IslowDct.FIX_1_847759065;
            int o1 = tmp4 + tmp7;
            int o2 = tmp5 + tmp6;
            int o3 = tmp4 + tmp6;
            int o4 = tmp5 + tmp7;
            int z5 = (o3 + o4) * IslowDct.FIX_1_175875602;
            o1 *= -IslowDct.FIX_0_899976223;
            o2 *= -IslowDct.FIX_2_562915447;
            o3 = o3 * -IslowDct.FIX_1_961570560 + z5;
            o4 = o4 * -IslowDct.FIX_0_390180644 + z5;
            d7[j] = round + tmp4 * IslowDct.FIX_0_298631336 + o1 + o3;
            d5[j] = round + tmp5 * IslowDct.FIX_2_053119869 + o2 + o4;
            d3[j] = round + tmp6 * IslowDct.FIX_3_072711026 + o2 + o3;
            d1[j] = round + tmp7 * IslowDct.FIX_1_501321110 + o1 + o4;
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
                IslowDct.butterflyRow(r, o, (source[start + runValue[o]] & 0xff) - 128,
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


}
