package uk.ac.lsst.pipeline.thumbnails.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import nom.tam.fits.Header;
import nom.tam.fits.header.Standard;
import nom.tam.util.FitsInputStream;

/**
 * Reads the image of a cutout's FITS bytes with nom-tam-fits: the primary HDU when it holds an image (ZTF, Rubin),
 * else the first IMAGE extension that is not an auxiliary plane (Rubin's {@code UNCERT} and {@code PSFIMAGE}, and
 * {@code VARIANCE}, {@code MASK}). Any BITPIX is accepted, with BSCALE/BZERO applied; BLANK integers and fill
 * values (magnitude at least 1e30, such as the -FLT_MAX of off-chip pixels in some ZTF templates) become NaN.
 *
 * <p>Every size in a header is checked against the bytes present before anything is allocated or read, so a
 * truncated or lying header is a {@link CutoutException} (CORRUPT), never a huge allocation or a partial image.
 * Every HDU is walked (up to 16), so a file cut short anywhere before the end of its last HDU's data is CORRUPT even
 * when the image itself is complete; only the padding of the last HDU may be missing.
 * NOT THREAD-SAFE: it keeps its conversion buffers between calls; one per thread.
 */
final class FitsImageReader {
    private static final Set<String> AUXILIARY = Set.of("UNCERT", "VARIANCE", "MASK", "PSFIMAGE", "PSF");
    private static final int MAX_HDUS = 16;
    /**
     * Pixel values at least this large in magnitude are no measurement but a fill value: off-chip pixels of some
     * ZTF templates hold -3.4028235e38 (-FLT_MAX). They are read as NaN (blank).
     */
    static final float FILL_LIMIT = 1e30f;

    private final int maxPixels;
    private short[] shorts = new short[0];
    private int[] ints = new int[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private byte[] bytes = new byte[0];

    /** @param maxPixels images with more pixels are rejected (TOO_LARGE) */
    FitsImageReader(int maxPixels) {
        this.maxPixels = maxPixels;
    }

    /**
     * Reads the image of the FITS file held by {@code fits[0, length)} into {@code out}.
     *
     * @throws CutoutException CORRUPT (truncated, unparsable), UNSUPPORTED (no 2-d image), TOO_LARGE
     */
    void read(byte[] fits, int length, Pixels out) throws CutoutException {
        boolean found = false;
        try (FitsInputStream in = new FitsInputStream(new ByteArrayInputStream(fits, 0, length))) {
            for (int hdu = 0; hdu < MAX_HDUS; hdu++) {
                Header header = readHeader(in, hdu, length);
                if (header == null) {
                    break;
                }
                if (!found && isImage(header, hdu)) {
                    long bytes = readImage(header, in, hdu, out);
                    skipPadding(in, bytes);
                    found = true;
                } else {
                    skipData(header, in, hdu);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw corrupt("FITS of " + length + " bytes cannot be read: " + e, e);
        }
        if (!found) {
            throw new CutoutException(CutoutException.Reason.UNSUPPORTED,
                    "FITS of " + length + " bytes holds no 2-d image HDU");
        }
    }

    private static Header readHeader(FitsInputStream in, int hdu, int length) throws CutoutException {
        Header header;
        try {
            header = Header.readHeader(in);
        } catch (IOException | RuntimeException e) {
            throw corrupt("header of HDU " + hdu + " is truncated or invalid (" + length + " bytes in all): "
                    + e.getMessage(), e);
        }
        if (header == null && hdu == 0) {
            throw corrupt("FITS of " + length + " bytes has no complete header");
        }
        if (header != null && hdu == 0 && !header.getBooleanValue(Standard.SIMPLE, false)) {
            throw corrupt("primary header does not start with SIMPLE = T");
        }
        return header;
    }

    private static boolean isImage(Header header, int hdu) {
        if (header.getIntValue(Standard.NAXIS, 0) < 2) {
            return false;
        }
        String extension = trim(header.getStringValue(Standard.XTENSION));
        String name = trim(header.getStringValue(Standard.EXTNAME));
        boolean image = hdu == 0 || "IMAGE".equals(extension);
        return image && (name == null || !AUXILIARY.contains(name.toUpperCase(Locale.ROOT)));
    }

    /**
     * Skips the data of an HDU that is not shown, after checking that all of it is present: every HDU is walked,
     * so a file cut anywhere before the end of its last HDU's data is CORRUPT. Only the padding of the last HDU
     * may be short (many writers omit it, and no reader needs it).
     */
    private static void skipData(Header header, FitsInputStream in, int hdu) throws CutoutException, IOException {
        long size = dataBytes(header, hdu);
        if (size > in.available()) {
            throw corrupt("HDU " + hdu + " is truncated: its data needs " + size + " bytes, " + in.available()
                    + " remain");
        }
        in.skipAllBytes(size);
        skipPadding(in, size);
    }

    /** Skips the padding after {@code dataBytes} of data to the next 2880-byte block, as far as it is present. */
    private static void skipPadding(FitsInputStream in, long dataBytes) throws IOException {
        long padding = (2880 - dataBytes % 2880) % 2880;
        in.skipAllBytes(Math.min(padding, in.available()));
    }

    /** The data size of an HDU without padding: |BITPIX|/8 * GCOUNT * (PCOUNT + NAXIS1 * ... * NAXISn). */
    private static long dataBytes(Header header, int hdu) throws CutoutException {
        int naxis = header.getIntValue(Standard.NAXIS, 0);
        if (naxis == 0) {
            return 0;
        }
        try {
            long elements = 1;
            for (int axis = 1; axis <= naxis; axis++) {
                long n = header.getLongValue(Standard.NAXISn.n(axis), 0);
                if (n < 0) {
                    throw corrupt("HDU " + hdu + " has NAXIS" + axis + "=" + n);
                }
                elements = Math.multiplyExact(elements, n);
            }
            long groups = header.getLongValue(Standard.GCOUNT, 1);
            long parameters = header.getLongValue(Standard.PCOUNT, 0);
            if (groups < 0 || parameters < 0) {
                throw corrupt("HDU " + hdu + " has GCOUNT=" + groups + ", PCOUNT=" + parameters);
            }
            long bytesPerValue = Math.abs(header.getIntValue(Standard.BITPIX, 0)) / 8;
            return Math.multiplyExact(Math.multiplyExact(Math.addExact(elements, parameters), groups),
                    bytesPerValue);
        } catch (ArithmeticException e) {
            throw corrupt("HDU " + hdu + " declares more data than a file can hold");
        }
    }

    /** Reads the image into {@code out}; returns the data bytes read. */
    private long readImage(Header header, FitsInputStream in, int hdu, Pixels out)
            throws CutoutException, IOException {
        int bitpix = header.getIntValue(Standard.BITPIX, 0);
        int naxis = header.getIntValue(Standard.NAXIS, 0);
        long width = header.getLongValue(Standard.NAXISn.n(1), 0);
        long height = header.getLongValue(Standard.NAXISn.n(2), 0);
        if (width < 1 || height < 1) {
            throw corrupt("HDU " + hdu + " has an empty or negative axis: NAXIS1=" + width + ", NAXIS2=" + height);
        }
        for (int axis = 3; axis <= naxis; axis++) {
            long n = header.getLongValue(Standard.NAXISn.n(axis), 0);
            if (n != 1) {
                throw new CutoutException(CutoutException.Reason.UNSUPPORTED, "HDU " + hdu + " is a cube: NAXIS"
                        + axis + "=" + n + " (expected a 2-d image)");
            }
        }
        int bytesPerPixel = Math.abs(bitpix) / 8;
        if (!isValidBitpix(bitpix)) {
            throw corrupt("HDU " + hdu + " has BITPIX=" + bitpix + " (expected 8, 16, 32, 64, -32 or -64)");
        }
        if (width > maxPixels || height > maxPixels || width * height > maxPixels) {
            throw new CutoutException(CutoutException.Reason.TOO_LARGE, "image of " + width + "x" + height
                    + " pixels exceeds the limit of " + maxPixels + " pixels");
        }
        int count = (int) (width * height);
        long needed = (long) count * bytesPerPixel;
        if (needed > in.available()) {
            throw corrupt("image data is truncated: " + width + "x" + height + "x" + bytesPerPixel + " = " + needed
                    + " bytes needed, " + in.available() + " present");
        }
        float[] data = out.reset((int) width, (int) height, trim(header.getStringValue("BUNIT")));
        double scale = header.getDoubleValue(Standard.BSCALE, 1.0);
        double zero = header.getDoubleValue(Standard.BZERO, 0.0);
        boolean hasBlank = header.containsKey(Standard.BLANK);
        long blank = header.getLongValue(Standard.BLANK, 0);
        switch (bitpix) {
            case -32 -> readFloats(in, data, count, scale, zero);
            case -64 -> readDoubles(in, data, count, scale, zero);
            case 8 -> readBytes(in, data, count, scale, zero, hasBlank, blank);
            case 16 -> readShorts(in, data, count, scale, zero, hasBlank, blank);
            case 32 -> readInts(in, data, count, scale, zero, hasBlank, blank);
            default -> readLongs(in, data, count, scale, zero, hasBlank, blank);
        }
        blankFillValues(data, count);
        return needed;
    }

    /** Values of magnitude {@link #FILL_LIMIT} or more are fill values (ZTF templates use -FLT_MAX): NaN. */
    private static void blankFillValues(float[] data, int count) {
        for (int i = 0; i < count; i++) {
            if (Math.abs(data[i]) >= FILL_LIMIT) {
                data[i] = Float.NaN;
            }
        }
    }

    private static boolean isValidBitpix(int bitpix) {
        return bitpix == 8 || bitpix == 16 || bitpix == 32 || bitpix == 64 || bitpix == -32 || bitpix == -64;
    }

    private static void readFloats(FitsInputStream in, float[] data, int count, double scale, double zero)
            throws IOException {
        expect(in.read(data, 0, count), count, 4);
        if (scale != 1.0 || zero != 0.0) {
            for (int i = 0; i < count; i++) {
                data[i] = (float) (zero + scale * data[i]);
            }
        }
    }

    private void readDoubles(FitsInputStream in, float[] data, int count, double scale, double zero)
            throws IOException {
        if (doubles.length < count) {
            doubles = new double[count];
        }
        expect(in.read(doubles, 0, count), count, 8);
        for (int i = 0; i < count; i++) {
            data[i] = (float) (zero + scale * doubles[i]);
        }
    }

    private void readBytes(FitsInputStream in, float[] data, int count, double scale, double zero,
                           boolean hasBlank, long blank) throws IOException {
        if (bytes.length < count) {
            bytes = new byte[count];
        }
        in.readFully(bytes, 0, count);
        for (int i = 0; i < count; i++) {
            int raw = bytes[i] & 0xff;
            data[i] = hasBlank && raw == blank ? Float.NaN : (float) (zero + scale * raw);
        }
    }

    private void readShorts(FitsInputStream in, float[] data, int count, double scale, double zero,
                            boolean hasBlank, long blank) throws IOException {
        if (shorts.length < count) {
            shorts = new short[count];
        }
        expect(in.read(shorts, 0, count), count, 2);
        for (int i = 0; i < count; i++) {
            short raw = shorts[i];
            data[i] = hasBlank && raw == blank ? Float.NaN : (float) (zero + scale * raw);
        }
    }

    private void readInts(FitsInputStream in, float[] data, int count, double scale, double zero,
                          boolean hasBlank, long blank) throws IOException {
        if (ints.length < count) {
            ints = new int[count];
        }
        expect(in.read(ints, 0, count), count, 4);
        for (int i = 0; i < count; i++) {
            int raw = ints[i];
            data[i] = hasBlank && raw == blank ? Float.NaN : (float) (zero + scale * raw);
        }
    }

    private void readLongs(FitsInputStream in, float[] data, int count, double scale, double zero,
                           boolean hasBlank, long blank) throws IOException {
        if (longs.length < count) {
            longs = new long[count];
        }
        expect(in.read(longs, 0, count), count, 8);
        for (int i = 0; i < count; i++) {
            long raw = longs[i];
            data[i] = hasBlank && raw == blank ? Float.NaN : (float) (zero + scale * raw);
        }
    }

    /** Drops conversion buffers grown beyond {@code maxRetainedPixels}. */
    void trim(int maxRetainedPixels) {
        if (doubles.length > maxRetainedPixels || longs.length > maxRetainedPixels) {
            doubles = new double[0];
            longs = new long[0];
        }
        if (ints.length > maxRetainedPixels || shorts.length > maxRetainedPixels || bytes.length > maxRetainedPixels) {
            ints = new int[0];
            shorts = new short[0];
            bytes = new byte[0];
        }
    }

    /** nom-tam's array reads return the bytes read and may stop short at the end of the input. */
    private static void expect(int bytesRead, int count, int bytesPerValue) throws java.io.EOFException {
        if (bytesRead != count * bytesPerValue) {
            throw new java.io.EOFException("read " + bytesRead + " of " + count * bytesPerValue + " data bytes");
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static CutoutException corrupt(String message) {
        return new CutoutException(CutoutException.Reason.CORRUPT, message);
    }

    private static CutoutException corrupt(String message, Throwable cause) {
        return new CutoutException(CutoutException.Reason.CORRUPT, message, cause);
    }
}
