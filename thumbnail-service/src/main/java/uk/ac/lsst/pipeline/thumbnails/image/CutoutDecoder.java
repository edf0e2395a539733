package uk.ac.lsst.pipeline.thumbnails.image;

import java.util.logging.Level;
import java.util.logging.Logger;
import uk.ac.lsst.pipeline.alert.CutoutEncoding;

/**
 * Decodes the bytes of one alert cutout: ZTF's gzipped FITS, Rubin's FITS (the image in the primary HDU; the
 * {@code UNCERT} and {@code PSFIMAGE} HDUs are skipped) and the JPEGs of ZTF's oldest test alerts, which are
 * passed through.
 *
 * <p>Bounded: gzip data may inflate to at most {@code maxBytes}, and an image may hold at most
 * {@code maxBytes / 4} pixels; anything beyond is rejected (TOO_LARGE) before it is allocated. Buffers are reused
 * from one call to the next and dropped when one grew beyond {@link #RETAINED_BYTES}, so one odd cutout does not
 * pin memory. NOT THREAD-SAFE: one per thread (or per stream task).
 */
public final class CutoutDecoder {
    /** Buffers up to this size are kept for the next cutout; larger ones are dropped after use. */
    public static final int RETAINED_BYTES = 1024 * 1024;

    /**
     * nom-tam-fits reports damaged input through java.util.logging, with a stack trace per file, before it throws.
     * Every such cutout already becomes a CutoutException (a dead letter, logged once with its reason), so the
     * library's own warnings are silenced; errors still show. Held here because JUL keeps loggers weakly.
     */
    private static final Logger NOM_TAM_LOG = Logger.getLogger("nom.tam");

    static {
        NOM_TAM_LOG.setLevel(Level.SEVERE);
    }

    private final int maxBytes;
    private final int maxPixels;
    private final BoundedGunzip gunzip;
    private final FitsImageReader fits;
    private final Pixels pixels = new Pixels();

    /** @param maxBytes the largest inflated FITS accepted, in bytes (at least 64 KiB) */
    public CutoutDecoder(int maxBytes) {
        if (maxBytes < 64 * 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 65536, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.maxPixels = maxBytes / 4;
        this.gunzip = new BoundedGunzip(maxBytes, RETAINED_BYTES);
        this.fits = new FitsImageReader(maxPixels);
    }

    /**
     * @param data the cutout bytes as the alert carries them
     * @return the image (in this decoder's reusable {@link Pixels}, valid until the next call) or the JPEG
     * @throws CutoutException UNKNOWN_FORMAT, CORRUPT, TOO_LARGE or UNSUPPORTED; never a runtime exception
     */
    public DecodedCutout decode(byte[] data) throws CutoutException {
        CutoutEncoding encoding = CutoutEncoding.detect(data);
        try {
            switch (encoding) {
                case FITS_GZIP -> {
                    int length = gunzip.inflate(data);
                    fits.read(gunzip.buffer(), length, pixels);
                    return new DecodedCutout.Image(pixels);
                }
                case FITS -> {
                    if (data.length > maxBytes) {
                        throw new CutoutException(CutoutException.Reason.TOO_LARGE, "FITS cutout of " + data.length
                                + " bytes exceeds the limit of " + maxBytes + " bytes");
                    }
                    fits.read(data, data.length, pixels);
                    return new DecodedCutout.Image(pixels);
                }
                case JPEG -> {
                    return JpegProbe.probe(data, maxPixels);
                }
                default -> throw new CutoutException(CutoutException.Reason.UNKNOWN_FORMAT, describeUnknown(data));
            }
        } finally {
            gunzip.trim();
            fits.trim(RETAINED_BYTES / 4);
        }
    }

    /** Drops the pixel buffer if the last image was larger than the retained size. */
    public void trim() {
        pixels.trim(RETAINED_BYTES / 4);
    }

    private static String describeUnknown(byte[] data) {
        if (data == null || data.length == 0) {
            return "cutout is empty";
        }
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(8, data.length); i++) {
            hex.append(String.format("%02x", data[i] & 0xff));
        }
        return "cutout of " + data.length + " bytes starting " + hex
                + " is neither FITS (SIMPLE  =), gzipped FITS (1f8b) nor JPEG (ffd8)";
    }
}
