package uk.ac.lsst.pipeline.bench.report;

import java.util.Arrays;

/**
 * Latency percentiles in milliseconds, by the nearest-rank method.
 *
 * @param count records measured
 * @param p50Ms median
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs largest
 */
public record Percentiles(int count, long p50Ms, long p95Ms, long p99Ms, long maxMs) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    /** Percentiles of {@code valuesMs} (not modified); {@link #NONE} when empty. */
    public static Percentiles of(long[] valuesMs) {
        if (valuesMs.length == 0) {
            return NONE;
        }
        long[] sorted = valuesMs.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code q} of all values at or below it. */
    static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
