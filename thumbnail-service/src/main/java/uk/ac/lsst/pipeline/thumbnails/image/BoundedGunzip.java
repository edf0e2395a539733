package uk.ac.lsst.pipeline.thumbnails.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Inflates gzip data into a reusable buffer, refusing to produce more than a fixed number of bytes: a gzip bomb
 * (a few KB that inflate to gigabytes) is rejected after {@code maxBytes + 1} bytes, so memory stays bounded
 * whatever the input. NOT THREAD-SAFE: one per thread.
 */
final class BoundedGunzip {
    private static final int INITIAL_BYTES = 64 * 1024;

    private final int maxBytes;
    private final int retainBytes;
    private byte[] buffer = new byte[INITIAL_BYTES];

    /**
     * @param maxBytes    the largest inflated size accepted
     * @param retainBytes a buffer grown beyond this is dropped after use (see {@link #trim()})
     */
    BoundedGunzip(int maxBytes, int retainBytes) {
        this.maxBytes = maxBytes;
        this.retainBytes = retainBytes;
    }

    /**
     * Inflates {@code gz} (all gzip members) into {@link #buffer()}.
     *
     * @return the number of inflated bytes at the start of {@link #buffer()}
     * @throws CutoutException TOO_LARGE beyond {@code maxBytes}, CORRUPT for a bad or truncated gzip stream
     */
    int inflate(byte[] gz) throws CutoutException {
        int n = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz), 8192)) {
            while (true) {
                if (n == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxBytes + 1L));
                }
                int read = in.read(buffer, n, buffer.length - n);
                if (read < 0) {
                    return n;
                }
                n += read;
                if (n > maxBytes) {
                    throw new CutoutException(CutoutException.Reason.TOO_LARGE, "gzipped cutout of " + gz.length
                            + " bytes inflates to more than the limit of " + maxBytes + " bytes");
                }
            }
        } catch (IOException e) {
            throw new CutoutException(CutoutException.Reason.CORRUPT, "gzipped cutout of " + gz.length
                    + " bytes does not inflate after " + n + " bytes: " + e.getMessage(), e);
        }
    }

    /** The inflated bytes of the last {@link #inflate} (only the count it returned are valid). */
    byte[] buffer() {
        return buffer;
    }

    /** Drops a buffer grown beyond the retained size. */
    void trim() {
        if (buffer.length > retainBytes) {
            buffer = new byte[INITIAL_BYTES];
        }
    }
}
