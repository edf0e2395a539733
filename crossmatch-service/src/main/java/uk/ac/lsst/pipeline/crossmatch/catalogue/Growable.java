package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.Arrays;

/** Primitive arrays that grow while a catalogue is read. Not thread-safe. */
final class Growable {
    private Growable() {
    }

    static final class Doubles {
        private double[] a;
        private int n;

        Doubles(int capacity) {
            a = new double[Math.max(16, capacity)];
        }

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, StringPool.grow(n));
            }
            a[n++] = v;
        }

        double[] toArray() {
            return a.length == n ? a : Arrays.copyOf(a, n);
        }
    }

    static final class Longs {
        private long[] a;
        private int n;

        Longs(int capacity) {
            a = new long[Math.max(16, capacity)];
        }

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, StringPool.grow(n));
            }
            a[n++] = v;
        }

        long[] toArray() {
            return a.length == n ? a : Arrays.copyOf(a, n);
        }
    }

    static final class Bytes {
        private byte[] a;
        private int n;

        Bytes(int capacity) {
            a = new byte[Math.max(16, capacity)];
        }

        void add(byte v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, StringPool.grow(n));
            }
            a[n++] = v;
        }

        byte[] toArray() {
            return a.length == n ? a : Arrays.copyOf(a, n);
        }
    }
}
