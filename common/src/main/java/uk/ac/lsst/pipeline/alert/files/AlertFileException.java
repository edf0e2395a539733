package uk.ac.lsst.pipeline.alert.files;

/** Alert files that cannot be used: a missing directory, an unreadable file, a file of no known alert format. */
public final class AlertFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertFileException(String message) {
        super(message);
    }

    public AlertFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
