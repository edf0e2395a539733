package uk.ac.lsst.pipeline.alert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** How the bytes of a cutout are encoded, detected from their first bytes. */
public enum CutoutEncoding {
    /** gzip-compressed FITS (ZTF). */
    FITS_GZIP,
    /** plain FITS (Rubin). */
    FITS,
    /** JPEG (ZTF schema 1.1 test alerts). */
    JPEG,
    /** anything else. */
    UNKNOWN;

    private static final byte[] FITS_START = "SIMPLE  =".getBytes(StandardCharsets.US_ASCII);

    /**
     * Detects the encoding from magic bytes: gzip {@code 1f 8b} (assumed to wrap FITS, as every gzipped alert
     * stamp does), FITS {@code "SIMPLE  ="}, JPEG {@code ff d8}; anything else, empty or null is UNKNOWN.
     */
    public static CutoutEncoding detect(byte[] data) {
        if (data == null) {
            return UNKNOWN;
        }
        if (startsWith(data, (byte) 0x1f, (byte) 0x8b)) {
            return FITS_GZIP;
        }
        if (startsWith(data, FITS_START)) {
            return FITS;
        }
        if (startsWith(data, (byte) 0xff, (byte) 0xd8)) {
            return JPEG;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] data, byte... prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }
}
