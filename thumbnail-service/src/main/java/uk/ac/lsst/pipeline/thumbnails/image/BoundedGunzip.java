package uk.ac.lsst.pipeline.thumbnails.image;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates gzip data (RFC 1952) into a reusable buffer, refusing to produce more than a fixed number of bytes: a gzip
 * bomb (a few KB that inflate to gigabytes) is rejected after {@code maxBytes + 1} bytes, so memory stays bounded
 * whatever the input. Reads what {@code GZIPInputStream} reads (every member of a multi-member file; bytes after the
 * last member that do not start another one are ignored; a broken member after a good one is an error here) and
 * checks each member's CRC-32 and length, but keeps one
 * {@link Inflater} and the whole input in it at once instead of a stream, an inflater and buffers per call: for a
 * 20 KB cutout that set-up is a good part of the time. NOT THREAD-SAFE: one per thread.
 */
final class BoundedGunzip {
    private static final int INITIAL_BYTES = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    private final int maxBytes;
    private final int retainBytes;
    /** Raw deflate (the gzip framing is read here); its native memory is freed when this is collected. */
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private byte[] buffer = new byte[INITIAL_BYTES];
    /** Bytes inflated so far by the current {@link #inflate}. */
    private int inflated;

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
        inflated = 0;
        int at = 0;
        do {
            at = member(gz, at);
        } while (at + 2 <= gz.length && (gz[at] & 0xff) == 0x1f && (gz[at + 1] & 0xff) == 0x8b);
        return inflated;
    }

    /** Inflates the member at {@code at} after the {@link #inflated} bytes before it; returns where the next starts. */
    private int member(byte[] gz, int at) throws CutoutException {
        int start = inflated;
        int n = start;
        int p = header(gz, at, n);
        inflater.reset();
        inflater.setInput(gz, p, gz.length - p);
        try {
            while (!inflater.finished()) {
                if (n == buffer.length) {
                    if (n > maxBytes) {
                        throw tooLarge(gz);
                    }
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, maxBytes + 1L));
                }
                int read = inflater.inflate(buffer, n, buffer.length - n);
                n += read;
                if (n > maxBytes) {
                    throw tooLarge(gz);
                }
                if (read == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw corrupt(gz, n, "unexpected end of the compressed data");
                }
            }
        } catch (DataFormatException e) {
            throw corrupt(gz, n, e.getMessage());
        }
        int trailer = gz.length - inflater.getRemaining();
        if (trailer + 8 > gz.length) {
            throw corrupt(gz, n, "truncated: the gzip trailer (CRC-32 and length) is missing");
        }
        crc.reset();
        crc.update(buffer, start, n - start);
        if ((int) crc.getValue() != littleEndianInt(gz, trailer)) {
            throw corrupt(gz, n, "CRC-32 of the inflated data does not match the gzip trailer");
        }
        if (n - start != littleEndianInt(gz, trailer + 4)) {
            throw corrupt(gz, n, "inflated length does not match the gzip trailer");
        }
        inflated = n;
        return trailer + 8;
    }

    /** Checks the member header at {@code at}; returns where its compressed data starts. */
    private int header(byte[] gz, int at, int n) throws CutoutException {
        if (gz.length - at < 10 || (gz[at] & 0xff) != 0x1f || (gz[at + 1] & 0xff) != 0x8b) {
            throw corrupt(gz, n, "not in gzip format (no 1f8b header)");
        }
        if (gz[at + 2] != 8) {
            throw corrupt(gz, n, "unsupported gzip compression method " + gz[at + 2] + " (expected 8, deflate)");
        }
        int flags = gz[at + 3] & 0xff;
        if ((flags & RESERVED) != 0) {
            throw corrupt(gz, n, "reserved gzip header flags set: " + Integer.toHexString(flags));
        }
        int p = at + 10;
        if ((flags & FEXTRA) != 0) {
            if (p + 2 > gz.length) {
                throw corrupt(gz, n, "truncated gzip header");
            }
            p += 2 + ((gz[p] & 0xff) | (gz[p + 1] & 0xff) << 8);
        }
        if ((flags & FNAME) != 0) {
            p = skipZeroTerminated(gz, p, n);
        }
        if ((flags & FCOMMENT) != 0) {
            p = skipZeroTerminated(gz, p, n);
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        if (p > gz.length) {
            throw corrupt(gz, n, "truncated gzip header");
        }
        return p;
    }

    private int skipZeroTerminated(byte[] gz, int p, int n) throws CutoutException {
        while (p < gz.length && gz[p] != 0) {
            p++;
        }
        if (p >= gz.length) {
            throw corrupt(gz, n, "truncated gzip header");
        }
        return p + 1;
    }

    private static int littleEndianInt(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    private CutoutException tooLarge(byte[] gz) {
        return new CutoutException(CutoutException.Reason.TOO_LARGE, "gzipped cutout of " + gz.length
                + " bytes inflates to more than the limit of " + maxBytes + " bytes");
    }

    private static CutoutException corrupt(byte[] gz, int n, String why) {
        return new CutoutException(CutoutException.Reason.CORRUPT, "gzipped cutout of " + gz.length
                + " bytes does not inflate after " + n + " bytes: " + why);
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
