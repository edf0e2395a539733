package uk.ac.lsst.pipeline.thumbnails.render;

/**
 * How thumbnails look: every field changes the images produced (unlike tuning knobs).
 *
 * @param format      JPEG or PNG
 * @param sizePx      the longer side of every rendered image, in pixels; the shorter one keeps the cutout's aspect
 *                    ratio. Cutouts are resampled by nearest neighbour (63 px -> 189 px: every pixel a 3x3 block)
 * @param stretch     linear or asinh, applied between the zscale limits
 * @param jpegQuality 1-100, for JPEG only
 */
public record RenderOptions(ImageFormat format, int sizePx, Stretch stretch, int jpegQuality) {
    public static final int DEFAULT_SIZE_PX = 189;
    public static final int DEFAULT_JPEG_QUALITY = 90;
    public static final int MIN_SIZE_PX = 8;
    public static final int MAX_SIZE_PX = 2048;

    public RenderOptions {
        if (format == null || stretch == null) {
            throw new IllegalArgumentException("format and stretch are required");
        }
        if (sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX) {
            throw new IllegalArgumentException("size must be " + MIN_SIZE_PX + " to " + MAX_SIZE_PX + " px, got "
                    + sizePx);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("JPEG quality must be 1 to 100, got " + jpegQuality);
        }
    }

    /** JPEG, 189 px, linear, quality 90. */
    public static RenderOptions defaults() {
        return new RenderOptions(ImageFormat.JPEG, DEFAULT_SIZE_PX, Stretch.LINEAR, DEFAULT_JPEG_QUALITY);
    }
}
