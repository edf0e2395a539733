package uk.ac.lsst.pipeline.thumbnails.render;

import uk.ac.lsst.pipeline.alert.CutoutKind;

/**
 * One cutout rendered as an image file.
 *
 * @param kind            science, template or difference
 * @param format          the file format of {@code bytes} (JPEG cutouts passed through are JPEG whatever the setting)
 * @param bytes           the encoded image
 * @param width           image width, pixels
 * @param height          image height, pixels
 * @param cutoutWidth     width of the cutout (FITS NAXIS1), pixels
 * @param cutoutHeight    height of the cutout (FITS NAXIS2), pixels
 * @param limits          the values shown black and white, in the cutout's units ({@link Limits#NONE} when passed
 *                        through or when no pixel is finite)
 * @param scaling         {@code zscale}, {@code zscale-symmetric} (difference images) or {@code none} (passed through)
 * @param stretch         {@code linear}, {@code asinh} or {@code none} (passed through)
 * @param unit            FITS BUNIT of the pixel values ({@code DN}, {@code nJy}) or null
 * @param blankPixels     how many cutout pixels have no value (NaN, infinite, fill value), drawn in the fixed colour
 */
public record RenderedCutout(
        CutoutKind kind,
        ImageFormat format,
        byte[] bytes,
        int width,
        int height,
        int cutoutWidth,
        int cutoutHeight,
        Limits limits,
        String scaling,
        String stretch,
        String unit,
        int blankPixels) {
}
