package uk.ac.lsst.pipeline.thumbnails.render;

import java.util.Arrays;

/**
 * The plan of one axis of the blocks (columns or rows): for every block, its 8 source indices (the last one
 * repeated past the image, as libjpeg pads), the runs of equal ones, and one pass of the DCT as a matrix over the
 * runs. Arrays grow with the image and are kept for the next one.
 */
final class AxisPlan {
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
            runs[block] = runs(of, block, runValue, matrix, forms);
        }
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
}
