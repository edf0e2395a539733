package uk.ac.lsst.pipeline.thumbnails.image;

/** What a cutout decodes to: pixels to render, or a JPEG to pass through unchanged. */
public sealed interface DecodedCutout {

    /**
     * A FITS image.
     *
     * @param pixels the decoder's reusable pixel buffer: valid until its next decode
     */
    record Image(Pixels pixels) implements DecodedCutout {
    }

    /**
     * A JPEG cutout (ZTF schema 1.1 test alerts), already an image: shown as it is.
     *
     * @param bytes  the JPEG bytes as the alert carries them (do not modify)
     * @param width  its width in pixels
     * @param height its height in pixels
     */
    record Jpeg(byte[] bytes, int width, int height) implements DecodedCutout {
    }
}
