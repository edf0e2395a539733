package uk.ac.lsst.pipeline.thumbnails.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

/**
 * Turns pixels into a grey-scale image between given limits, as ds9 shows a FITS image: row 0 of the FITS at the
 * bottom, x to the right. Values are clipped to the limits, stretched, and quantised to 256 grey levels (vmin
 * black, vmax white); NaN and infinite pixels are drawn in {@link #NON_FINITE_RGB}, in which case the image is RGB
 * (else 8-bit grey). By default the image has the cutout's size; resampling to another size is nearest neighbour,
 * so no pixel is smoothed: a 63 px cutout at 189 px shows every pixel as a 3x3 block.
 *
 * <p>{@link #prepare} quantises a cutout and plans its enlargement without making it: a grey image can then be
 * encoded straight from {@link #levels()}, {@link #columns()} and {@link #rowStarts()}; {@link #image()} makes it.
 * The returned image is reused by the next call with the same output size and type: encode it before calling
 * again. No allocation per pixel. NOT THREAD-SAFE: one per thread.
 */
public final class Renderer {
    /** The colour of NaN and infinite pixels: a mid blue (#3070E0) that no grey level can be confused with. */
    public static final int NON_FINITE_RGB = 0x3070E0;

    private static final int LUT_SIZE = 4096;
    private static final byte[][] LUTS = buildLuts();

    private final int sizePx;
    private final byte[] lut;
    private byte[] levels = new byte[0];
    private int[] xmap = new int[0];
    private int xmapFrom = -1;
    private int xmapTo = -1;
    private int[] rowStarts = new int[0];
    private float[] data;
    private int sourceWidth;
    private int sourceHeight;
    private int outWidth;
    private int outHeight;
    private boolean anyBlank;
    private BufferedImage grey;
    private BufferedImage rgb;

    /**
     * @param sizePx  the longer side of the output, in pixels, or {@link RenderOptions#CUTOUT_SIZE}
     * @param stretch applied between the limits
     */
    public Renderer(int sizePx, Stretch stretch) {
        this.sizePx = sizePx;
        this.lut = LUTS[stretch.ordinal()];
    }

    /**
     * Output width and height for a cutout of {@code width x height}: longer side {@code sizePx}, aspect kept; the
     * cutout's own for {@link RenderOptions#CUTOUT_SIZE}.
     */
    public static int[] outputSize(int width, int height, int sizePx) {
        if (sizePx == RenderOptions.CUTOUT_SIZE) {
            return new int[] {width, height};
        }
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
        prepare(pixels, limits);
        return image();
    }

    /**
     * Quantises the cutout and maps output columns and rows to it; valid until the next call (and only while the
     * pixels are unchanged).
     *
     * @return true when the cutout has blank (NaN, infinite) pixels, so that its image is RGB
     */
    public boolean prepare(Pixels pixels, Limits limits) {
        sourceWidth = pixels.width();
        sourceHeight = pixels.height();
        data = pixels.data();
        anyBlank = quantise(pixels, limits);
        int[] size = outputSize(sourceWidth, sourceHeight, sizePx);
        outWidth = size[0];
        outHeight = size[1];
        mapColumns(sourceWidth, outWidth);
        mapRows(sourceWidth, sourceHeight, outHeight);
        return anyBlank;
    }

    /** The image of the last {@link #prepare}d cutout: 8-bit grey, or RGB when it has blank pixels. */
    public BufferedImage image() {
        if (anyBlank) {
            rgb = reuse(rgb, outWidth, outHeight, BufferedImage.TYPE_3BYTE_BGR);
            fillRgb(((DataBufferByte) rgb.getRaster().getDataBuffer()).getData(), outWidth, outHeight);
            return rgb;
        }
        grey = reuse(grey, outWidth, outHeight, BufferedImage.TYPE_BYTE_GRAY);
        fillGrey(((DataBufferByte) grey.getRaster().getDataBuffer()).getData(), outWidth, outHeight);
        return grey;
    }

    /** Output width of the last prepared cutout, pixels. */
    public int width() {
        return outWidth;
    }

    /** Output height of the last prepared cutout, pixels. */
    public int height() {
        return outHeight;
    }

    /** Grey level of every cutout pixel, FITS order (blank pixels 0); only the first width x height are valid. */
    public byte[] levels() {
        return levels;
    }

    /** The cutout column shown on every output column (the first {@link #width()} are valid). */
    public int[] columns() {
        return xmap;
    }

    /** For every output row (0 = top), the index in {@link #levels()} of the cutout row it shows. */
    public int[] rowStarts() {
        return rowStarts;
    }

    /** Grey level (0-255) of every source pixel into {@link #levels}; true if any pixel is blank. */
    private boolean quantise(Pixels pixels, Limits limits) {
        int count = pixels.count();
        if (levels.length < count) {
            levels = new byte[count];
        }
        float[] values = pixels.data();
        double vmin = limits.vmin();
        double range = limits.vmax() - limits.vmin();
        double scale = limits.isDefined() && range > 0 ? (LUT_SIZE - 1) / range : 0;
        boolean blank = false;
        for (int i = 0; i < count; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                levels[i] = 0;
                blank = true;
                continue;
            }
            double t = (v - vmin) * scale;
            int index = t <= 0 || scale == 0 ? 0 : t >= LUT_SIZE - 1 ? LUT_SIZE - 1 : (int) (t + 0.5);
            levels[i] = lut[index];
        }
        return blank;
    }

    private void mapRows(int w, int h, int oh) {
        if (rowStarts.length < oh) {
            rowStarts = new int[oh];
        }
        for (int oy = 0; oy < oh; oy++) {
            rowStarts[oy] = sourceRow(oy, h, oh) * w;
        }
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

    private void fillGrey(byte[] dst, int ow, int oh) {
        for (int oy = 0; oy < oh; oy++) {
            int row = oy * ow;
            int src = rowStarts[oy];
            if (oy > 0 && src == rowStarts[oy - 1]) {
                System.arraycopy(dst, row - ow, dst, row, ow);
                continue;
            }
            for (int ox = 0; ox < ow; ox++) {
                dst[row + ox] = levels[src + xmap[ox]];
            }
        }
    }

    private void fillRgb(byte[] dst, int ow, int oh) {
        byte r = (byte) (NON_FINITE_RGB >> 16);
        byte g = (byte) (NON_FINITE_RGB >> 8);
        byte b = (byte) NON_FINITE_RGB;
        int stride = 3 * ow;
        for (int oy = 0; oy < oh; oy++) {
            int row = oy * stride;
            int src = rowStarts[oy];
            if (oy > 0 && src == rowStarts[oy - 1]) {
                System.arraycopy(dst, row - stride, dst, row, stride);
                continue;
            }
            for (int ox = 0, o = row; ox < ow; ox++, o += 3) {
                int i = src + xmap[ox];
                if (!Float.isFinite(data[i])) {
                    dst[o] = b;
                    dst[o + 1] = g;
                    dst[o + 2] = r;
                } else {
                    byte l = levels[i];
                    dst[o] = l;
                    dst[o + 1] = l;
                    dst[o + 2] = l;
                }
            }
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
