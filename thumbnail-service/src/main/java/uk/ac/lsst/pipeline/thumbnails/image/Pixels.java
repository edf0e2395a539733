package uk.ac.lsst.pipeline.thumbnails.image;

import java.util.Arrays;

/**
 * A 2-d image of floats in FITS order: {@code data()[y * width() + x]}, x along NAXIS1, y along NAXIS2, row 0 first
 * (shown at the bottom, as ds9 does). Non-finite values mark pixels without data.
 *
 * <p>Reusable: a decoder refills the same instance for every cutout, so its content is valid only until the next
 * decode. NOT THREAD-SAFE.
 */
public final class Pixels {
    private float[] data = new float[0];
    private int width;
    private int height;
    private String unit;

    /** Sizes the image and returns its buffer (at least {@code width * height} long) to be filled. */
    float[] reset(int width, int height, String unit) {
        int count = Math.multiplyExact(width, height);
        if (data.length < count) {
            data = new float[count];
        }
        this.width = width;
        this.height = height;
        this.unit = unit;
        return data;
    }

    /** Drops a buffer larger than {@code maxRetainedPixels} so that one huge cutout does not pin memory. */
    void trim(int maxRetainedPixels) {
        if (data.length > maxRetainedPixels) {
            data = new float[0];
            width = 0;
            height = 0;
        }
    }

    /** A copy holding exactly {@code values} (row-major, FITS order), for tests and tools. */
    public static Pixels of(int width, int height, float... values) {
        if (values.length != Math.multiplyExact(width, height)) {
            throw new IllegalArgumentException(values.length + " values for a " + width + "x" + height + " image");
        }
        Pixels p = new Pixels();
        System.arraycopy(values, 0, p.reset(width, height, null), 0, values.length);
        return p;
    }

    /** The pixel buffer; only the first {@link #count()} values belong to the image. */
    public float[] data() {
        return data;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int count() {
        return width * height;
    }

    /** The value at column x, row y (row 0 = the first row in the FITS file). */
    public float at(int x, int y) {
        return data[y * width + x];
    }

    /** The FITS {@code BUNIT} of the values (e.g. {@code DN}, {@code nJy}), or null when not given. */
    public String unit() {
        return unit;
    }

    /** The number of blank pixels: NaN or infinite (fill values are read as NaN). */
    public int blankCount() {
        int n = 0;
        int count = count();
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(data[i])) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return width + "x" + height + " pixels" + (unit == null ? "" : " in " + unit)
                + (count() <= 16 ? " " + Arrays.toString(Arrays.copyOf(data, count())) : "");
    }
}
