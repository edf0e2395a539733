package uk.ac.lsst.pipeline.thumbnails.render;

/**
 * How thumbnails look: every field changes the images produced (unlike tuning knobs).
 *
 * @param format      JPEG or PNG
 * @param sizePx      {@link #CUTOUT_SIZE} (the default): every image has its cutout's own size, one image pixel per
 *                    cutout pixel, nothing resampled; otherwise the longer side of every image, in pixels, the shorter
 *                    one keeping the cutout's aspect ratio, resampled by nearest neighbour (63 px -> 189 px: every
 *                    pixel a 3x3 block)
 * @param stretch     linear or asinh, applied between the zscale limits
 * @param jpegQuality 1-100, for JPEG only
 */
public record RenderOptions(ImageFormat format, int sizePx, Stretch stretch, int jpegQuality) {
    /** {@link #sizePx} for images of the cutouts' own size; written {@code cutout} in settings and options. */
    public static final int CUTOUT_SIZE = 0;
    public static final String CUTOUT_SIZE_NAME = "cutout";
    public static final int DEFAULT_SIZE_PX = CUTOUT_SIZE;
    public static final int DEFAULT_JPEG_QUALITY = 90;
    public static final int MIN_SIZE_PX = 8;
    public static final int MAX_SIZE_PX = 2048;
    /** What a size setting may be, for messages. */
    public static final String SIZE_EXPECTED = CUTOUT_SIZE_NAME + " (the cutout's own size) or an integer from "
            + MIN_SIZE_PX + " to " + MAX_SIZE_PX + " (pixels)";

    public RenderOptions {
        if (format == null || stretch == null) {
            throw new IllegalArgumentException("format and stretch are required");
        }
        if (sizePx != CUTOUT_SIZE && (sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX)) {
            throw new IllegalArgumentException("size must be " + CUTOUT_SIZE_NAME + " or " + MIN_SIZE_PX + " to "
                    + MAX_SIZE_PX + " px, got " + sizePx);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1 to 100, got " + jpegQuality);
        }
    }

    /** JPEG at the cutouts' own size, linear, quality 90. */
    public static RenderOptions defaults() {
        return new RenderOptions(ImageFormat.JPEG, DEFAULT_SIZE_PX, Stretch.LINEAR, DEFAULT_JPEG_QUALITY);
    }

    /**
     * A size as settings and options write it: {@code cutout}, or the longer side in pixels.
     *
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public static int parseSize(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equalsIgnoreCase(CUTOUT_SIZE_NAME)) {
            return CUTOUT_SIZE;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= MIN_SIZE_PX && size <= MAX_SIZE_PX) {
                return size;
            }
        } catch (NumberFormatException e) {
            // described below
        }
        throw new IllegalArgumentException("'" + text + "' is not a thumbnail size: expected " + SIZE_EXPECTED);
    }

    /** {@code cutout} or the size in pixels, as {@link #parseSize} reads it. */
    public static String sizeName(int sizePx) {
        return sizePx == CUTOUT_SIZE ? CUTOUT_SIZE_NAME : Integer.toString(sizePx);
    }
}
