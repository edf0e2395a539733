package uk.ac.lsst.pipeline.thumbnails.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

/**
 * Turns pixels into a grey-scale image between given limits, as ds9 shows a FITS image: row 0 of the FITS at the
 * bottom, x to the right. Values are clipped to the limits, stretched, and quantised to 256 grey levels (vmin
 * black, vmax white); NaN and infinite pixels are drawn in {@link #NON_FINITE_RGB}, in which case the image is RGB
 * (else 8-bit grey). Resampling to the output size is nearest neighbour, so no pixel is smoothed: a 63 px cutout
 * at 189 px shows every pixel as a 3x3 block.
 *
 * <p>The returned image is reused by the next call with the same output size and type: encode it before calling
 * again. No allocation per pixel. NOT THREAD-SAFE: one per thread.
 */
public final class Renderer {
    /** The colour of NaN and infinite pixels: a mid blue (#3070E0) that no grey level can be confused with. */
    public static final int NON_FINITE_RGB = 0x3070E0;

    private static final int LUT_SIZE = 4096;
    private static final byte[][] LUTS = buildLuts();
    private static final int NON_FINITE = -1;

    private final int sizePx;
    private final byte[] lut;
    private int[] levels = new int[0];
    private int[] xmap = new int[0];
    private int xmapFrom = -1;
    private int xmapTo = -1;
    private BufferedImage grey;
    private BufferedImage rgb;

    /**
     * @param sizePx  the longer side of the output, in pixels
     * @param stretch applied between the limits
     */
    public Renderer(int sizePx, Stretch stretch) {
        this.sizePx = sizePx;
        this.lut = LUTS[stretch.ordinal()];
    }

    /** Output width and height for a cutout of {@code width x height}: longer side {@code sizePx}, aspect kept. */
    public static int[] outputSize(int width, int height, int sizePx) {
        if (width >= height) {
            return new int[] {sizePx, Math.max(1, (int) Math.round((double) height * sizePx / width))};
        }
        return new int[] {Math.max(1, (int) Math.round((double) width * sizePx / height)), sizePx};
    }

    /**
     * @param pixels the cutout
     * @param limits the values shown black and white; when undefined (no finite pixel) or empty (vmin >= vmax)
     *               every finite pixel is black, as astropy's ImageNormalize does
     * @return this renderer's image for that size (reused by the next call)
     */
    public BufferedImage render(Pixels pixels, Limits limits) {
        int w = pixels.width();
        int h = pixels.height();
        boolean anyNonFinite = quantise(pixels, limits);
        int[] size = outputSize(w, h, sizePx);
        int ow = size[0];
        int oh = size[1];
        mapColumns(w, ow);
        if (anyNonFinite) {
            rgb = reuse(rgb, ow, oh, BufferedImage.TYPE_3BYTE_BGR);
            fillRgb(((DataBufferByte) rgb.getRaster().getDataBuffer()).getData(), w, h, ow, oh);
            return rgb;
        }
        grey = reuse(grey, ow, oh, BufferedImage.TYPE_BYTE_GRAY);
        fillGrey(((DataBufferByte) grey.getRaster().getDataBuffer()).getData(), w, h, ow, oh);
        return grey;
    }

    /** Grey level (0-255) of every source pixel into {@link #levels}, or NON_FINITE; true if any is. */
    private boolean quantise(Pixels pixels, Limits limits) {
        int count = pixels.count();
        if (levels.length < count) {
            levels = new int[count];
        }
        float[] data = pixels.data();
        double vmin = limits.vmin();
        double range = limits.vmax() - limits.vmin();
        double scale = limits.isDefined() && range > 0 ? (LUT_SIZE - 1) / range : 0;
        boolean anyNonFinite = false;
        for (int i = 0; i < count; i++) {
            float v = data[i];
            if (!Float.isFinite(v)) {
                levels[i] = NON_FINITE;
                anyNonFinite = true;
                continue;
            }
            double t = (v - vmin) * scale;
            int index = t <= 0 || scale == 0 ? 0 : t >= LUT_SIZE - 1 ? LUT_SIZE - 1 : (int) (t + 0.5);
            levels[i] = lut[index] & 0xff;
        }
        return anyNonFinite;
    }

    private void mapColumns(int w, int ow) {
        if (xmapFrom == w && xmapTo == ow) {
            return;
        }
        if (xmap.length < ow) {
            xmap = new int[ow];
        }
        for (int ox = 0; ox < ow; ox++) {
            xmap[ox] = (int) ((long) ox * w / ow);
        }
        xmapFrom = w;
        xmapTo = ow;
    }

    /** The FITS row shown on output row {@code oy} (0 = top): row 0 of the FITS is at the bottom. */
    private static int sourceRow(int oy, int h, int oh) {
        return h - 1 - (int) ((long) oy * h / oh);
    }

    private void fillGrey(byte[] dst, int w, int h, int ow, int oh) {
        int previous = -1;
        for (int oy = 0; oy < oh; oy++) {
            int sy = sourceRow(oy, h, oh);
            int row = oy * ow;
            if (sy == previous) {
                System.arraycopy(dst, row - ow, dst, row, ow);
                continue;
            }
            int src = sy * w;
            for (int ox = 0; ox < ow; ox++) {
                dst[row + ox] = (byte) levels[src + xmap[ox]];
            }
            previous = sy;
        }
    }

    private void fillRgb(byte[] dst, int w, int h, int ow, int oh) {
        byte r = (byte) (NON_FINITE_RGB >> 16);
        byte g = (byte) (NON_FINITE_RGB >> 8);
        byte b = (byte) NON_FINITE_RGB;
        int stride = 3 * ow;
        int previous = -1;
        for (int oy = 0; oy < oh; oy++) {
            int sy = sourceRow(oy, h, oh);
            int row = oy * stride;
            if (sy == previous) {
                System.arraycopy(dst, row - stride, dst, row, stride);
                continue;
            }
            int src = sy * w;
            for (int ox = 0, o = row; ox < ow; ox++, o += 3) {
                int level = levels[src + xmap[ox]];
                if (level == NON_FINITE) {
                    dst[o] = b;
                    dst[o + 1] = g;
                    dst[o + 2] = r;
                } else {
                    byte l = (byte) level;
                    dst[o] = l;
                    dst[o + 1] = l;
                    dst[o + 2] = l;
                }
            }
            previous = sy;
        }
    }

    private static BufferedImage reuse(BufferedImage image, int width, int height, int type) {
        if (image != null && image.getWidth() == width && image.getHeight() == height) {
            return image;
        }
        return new BufferedImage(width, height, type);
    }

    private static byte[][] buildLuts() {
        Stretch[] stretches = Stretch.values();
        byte[][] luts = new byte[stretches.length][LUT_SIZE];
        for (Stretch s : stretches) {
            for (int i = 0; i < LUT_SIZE; i++) {
                double y = s.apply(i / (double) (LUT_SIZE - 1));
                luts[s.ordinal()][i] = (byte) Math.round(Math.min(1, Math.max(0, y)) * 255);
            }
        }
        return luts;
    }
}
