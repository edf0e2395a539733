package uk.ac.lsst.pipeline.filter.record;

/**
 * An annotated record that cannot be read: not JSON, not an object, a required id missing, or a field of the wrong
 * JSON type. The message names the field (dotted path) and what was expected. The stage sends such a record to its
 * dead-letter topic with this message as the reason.
 */
public final class AnnotatedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public AnnotatedRecordException(String message) {
        super(message);
    }

    public AnnotatedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
