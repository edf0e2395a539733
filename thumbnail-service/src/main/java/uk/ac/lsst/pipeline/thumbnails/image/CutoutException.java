package uk.ac.lsst.pipeline.thumbnails.image;

/**
 * A cutout's bytes cannot be turned into an image. {@link #reason()} is what dead-letter headers carry; the message
 * says exactly what was wrong.
 */
public final class CutoutException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a cutout was rejected. */
    public enum Reason {
        /** starts like FITS, gzip or JPEG but is truncated or does not parse. */
        CORRUPT("cutout-corrupt"),
        /** neither FITS, gzipped FITS nor JPEG. */
        UNKNOWN_FORMAT("cutout-unknown-format"),
        /** inflates beyond the limit (a gzip bomb) or holds more pixels than allowed. */
        TOO_LARGE("cutout-too-large"),
        /** valid FITS that holds no 2-d image this stage can show (a cube, a table only, BITPIX unknown). */
        UNSUPPORTED("cutout-unsupported");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** Short kebab-case code, stable across releases. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public CutoutException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public CutoutException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
