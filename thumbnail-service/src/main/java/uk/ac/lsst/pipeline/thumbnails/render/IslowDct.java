package uk.ac.lsst.pipeline.thumbnails.render;

/**
 * libjpeg's integer forward DCT ({@code jfdctint.c}, "ISLOW"), as the JDK's JPEG writer runs it: its fixed-point
 * constants, one 1-d pass on 8 values, and each pass written as integer forms of its 8 inputs (the DCT is linear up
 * to the rounding of each pass's outputs, so a form summed over repeated inputs gives the pass of an enlarged block
 * exactly). Stateless.
 */
final class IslowDct {
    static final int CONST_BITS = 13;
    static final int PASS1_BITS = 2;
    static final int FIX_0_298631336 = 2446;
    static final int FIX_0_390180644 = 3196;
    static final int FIX_0_541196100 = 4433;
    static final int FIX_0_765366865 = 6270;
    static final int FIX_0_899976223 = 7373;
    static final int FIX_1_175875602 = 9633;
    static final int FIX_1_501321110 = 12299;
    static final int FIX_1_847759065 = 15137;
    static final int FIX_1_961570560 = 16069;
    static final int FIX_2_053119869 = 16819;
    static final int FIX_2_562915447 = 20995;
    static final int FIX_3_072711026 = 25172;

    /** The row pass (pass 1) as forms of its inputs, each output descaled by 11 bits. */
    static final int[][] PASS1_FORMS = pass1Forms();
    /** The column pass (pass 2) as forms of its inputs, each output descaled by 15 bits. */
    static final int[][] PASS2_FORMS = pass2Forms();

    private IslowDct() {
    }

    /** Pass 1 of libjpeg's ISLOW DCT on 8 samples, into {@code r[o ..]}: what the forms give for 8 runs. */
    static void butterflyRow(int[] r, int o, int x0, int x1, int x2, int x3, int x4, int x5, int x6, int x7) {
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
     * scaling: outputs 0 and 4 unscaled, the others scaled up by 2^CONST_BITS. ({@code GreyJpegEncoder} does the
     * same operations in a loop the JIT can vectorise.)
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
}
