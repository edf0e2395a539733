package uk.ac.lsst.pipeline.thumbnails.render;

import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutDecoder;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;
import uk.ac.lsst.pipeline.thumbnails.image.DecodedCutout;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

/**
 * Cutout bytes in, image file bytes out: decode (bounded), zscale limits (symmetric about zero for the difference
 * image), stretch, resample by nearest neighbour to the configured size, encode. JPEG cutouts are passed through.
 * A grey JPEG is encoded from the cutout's grey levels and the enlargement's maps, without making the enlarged
 * image (the bytes are the same).
 *
 * <p>Keeps every buffer (inflated bytes, pixels, samples, image, writer) from one cutout to the next: nothing is
 * allocated per pixel, and only the encoded bytes are new. NOT THREAD-SAFE: one per thread or stream task; close
 * it to free the image writer.
 */
public final class CutoutRenderer implements AutoCloseable {
    private final RenderOptions options;
    private final CutoutDecoder decoder;
    private final ZScale zscale = new ZScale();
    private final Renderer renderer;
    private final ImageEncoder encoder;

    /**
     * @param options        how the images look
     * @param maxCutoutBytes the largest (inflated) FITS accepted, see {@link CutoutDecoder}
     */
    public CutoutRenderer(RenderOptions options, int maxCutoutBytes) {
        this.options = options;
        this.decoder = new CutoutDecoder(maxCutoutBytes);
        this.renderer = new Renderer(options.sizePx(), options.stretch());
        this.encoder = new ImageEncoder(options.format(), options.jpegQuality());
    }

    public RenderOptions options() {
        return options;
    }

    /** Renders a cutout of the alert. */
    public RenderedCutout render(Cutout cutout) throws CutoutException {
        return render(cutout.kind(), cutout.data());
    }

    /**
     * @param kind  the difference image is scaled symmetrically about zero
     * @param bytes the cutout as the alert carries it
     * @throws CutoutException when the bytes are not a usable image
     */
    public RenderedCutout render(CutoutKind kind, byte[] bytes) throws CutoutException {
        try {
            DecodedCutout decoded = decoder.decode(bytes);
            if (decoded instanceof DecodedCutout.Jpeg jpeg) {
                return new RenderedCutout(kind, ImageFormat.JPEG, jpeg.bytes(), jpeg.width(), jpeg.height(),
                        jpeg.width(), jpeg.height(), Limits.NONE, "none", "none", null, 0);
            }
            Pixels pixels = ((DecodedCutout.Image) decoded).pixels();
            Limits limits = zscale.limits(pixels.data(), pixels.count());
            boolean symmetric = kind == CutoutKind.DIFFERENCE;
            if (symmetric) {
                limits = limits.symmetric();
            }
            boolean blank = renderer.prepare(pixels, limits);
            byte[] encoded = !blank && options.format() == ImageFormat.JPEG
                    ? encoder.encodeGrey(renderer.levels(), renderer.columns(), renderer.rowStarts(), renderer.width(),
                            renderer.height())
                    : encoder.encode(renderer.image());
            return new RenderedCutout(kind, options.format(), encoded, renderer.width(), renderer.height(),
                    pixels.width(), pixels.height(), limits, symmetric ? "zscale-symmetric" : "zscale",
                    options.stretch().code(), pixels.unit(), pixels.blankCount());
        } finally {
            decoder.trim();
        }
    }

    @Override
    public void close() {
        encoder.close();
    }
}
