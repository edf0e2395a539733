package uk.ac.lsst.pipeline.alert;

/** The one error raised for undecodable input: a {@link DecodeFailure} plus a human-readable detail. */
public final class AlertDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DecodeFailure failure;

    public AlertDecodeException(DecodeFailure failure, String detail) {
        super(failure.code() + ": " + detail);
        this.failure = failure;
    }

    public AlertDecodeException(DecodeFailure failure, String detail, Throwable cause) {
        super(failure.code() + ": " + detail, cause);
        this.failure = failure;
    }

    public DecodeFailure failure() {
        return failure;
    }
}
