package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Many short strings in two arrays: their UTF-8 bytes end to end, and where each one starts. About 1 byte per
 * ASCII character plus 4 per string, against some 50 for a {@code String} object. Nulls are kept.
 * Append-only while building (not thread-safe); after {@link #trim()} it is only read, safely from any thread.
 */
public final class StringPool {
    private static final int NULL_MARK = Integer.MIN_VALUE;

    private byte[] bytes;
    private int[] ends;
    private int size;
    private int used;

    public StringPool(int expectedStrings, int expectedBytes) {
        bytes = new byte[Math.max(16, expectedBytes)];
        ends = new int[Math.max(4, expectedStrings)];
    }

    /** Appends one string (may be null); returns its position. */
    public int add(String s) {
        if (size == ends.length) {
            ends = Arrays.copyOf(ends, grow(ends.length));
        }
        if (s == null) {
            ends[size] = NULL_MARK | used;
            return size++;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (used + b.length > bytes.length) {
            long wanted = Math.max((long) used + b.length, grow(bytes.length));
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("string pool full: more than 2 GB of strings");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
        System.arraycopy(b, 0, bytes, used, b.length);
        used += b.length;
        ends[size] = used;
        return size++;
    }

    /** The string at {@code index} (a new object each call), or null. */
    public String get(int index) {
        int end = ends[index];
        if (end < 0) {
            return null;
        }
        int start = index == 0 ? 0 : ends[index - 1] & Integer.MAX_VALUE;
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    public int size() {
        return size;
    }

    /** Releases spare capacity; call once when building is done. */
    public StringPool trim() {
        if (bytes.length != used) {
            bytes = Arrays.copyOf(bytes, used);
        }
        if (ends.length != size) {
            ends = Arrays.copyOf(ends, size);
        }
        return this;
    }

    /** Approximate heap held, in bytes. */
    public long heapBytes() {
        return (long) bytes.length + 4L * ends.length;
    }

    static int grow(int n) {
        return (int) Math.min(Integer.MAX_VALUE - 16, Math.max(16L, n + (n >> 1)));
    }
}
