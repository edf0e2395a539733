package uk.ac.lsst.pipeline.local.replay;

/** A replay that cannot start or go on: unreadable or unknown alert files, a missing topic, no schema source. */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
