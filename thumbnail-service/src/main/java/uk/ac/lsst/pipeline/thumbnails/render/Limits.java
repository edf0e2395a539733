package uk.ac.lsst.pipeline.thumbnails.render;

/**
 * The pixel values shown as black ({@code vmin}) and white ({@code vmax}), in the cutout's own units (ZTF: DN,
 * Rubin: nJy). Both NaN when the image has no finite pixel.
 */
public record Limits(double vmin, double vmax) {

    /** No finite pixel: nothing to scale. */
    public static final Limits NONE = new Limits(Double.NaN, Double.NaN);

    public boolean isDefined() {
        return Double.isFinite(vmin) && Double.isFinite(vmax);
    }

    /** Limits symmetric about zero that contain these: {@code -m, +m} with {@code m = max(|vmin|, |vmax|)}. */
    public Limits symmetric() {
        if (!isDefined()) {
            return this;
        }
        double m = Math.max(Math.abs(vmin), Math.abs(vmax));
        return new Limits(-m, m);
    }
}
