package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.BitSet;

/**
 * A column copied into match results, held compactly: floating point as {@code double[]} (NaN = null), integers as
 * {@code long[]} with a null mask, anything else as text in a {@link StringPool}. Immutable once built;
 * thread-safe.
 */
public sealed interface CarriedColumn {

    /** The column's name in results. */
    String name();

    /** The value of source {@code index}: a Double, Long, String or null. */
    Object value(int index);

    long heapBytes();

    record Floating(String name, double[] values) implements CarriedColumn {
        @Override
        public Object value(int index) {
            double v = values[index];
            return Double.isNaN(v) ? null : v;
        }

        @Override
        public long heapBytes() {
            return 8L * values.length;
        }
    }

    record Integral(String name, long[] values, BitSet nulls) implements CarriedColumn {
        @Override
        public Object value(int index) {
            return nulls.get(index) ? null : values[index];
        }

        @Override
        public long heapBytes() {
            return 8L * values.length + nulls.size() / 8;
        }
    }

    record Text(String name, StringPool pool) implements CarriedColumn {
        @Override
        public Object value(int index) {
            return pool.get(index);
        }

        @Override
        public long heapBytes() {
            return pool.heapBytes();
        }
    }
}
