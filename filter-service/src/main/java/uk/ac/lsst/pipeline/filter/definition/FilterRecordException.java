package uk.ac.lsst.pipeline.filter.definition;

/**
 * A record of the filters topic that is not a valid filter definition or tombstone. The message names the record's
 * key and every problem; the stage logs it, counts it and ignores the record.
 */
public final class FilterRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    public FilterRecordException(String message) {
        super(message);
    }

    public FilterRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
