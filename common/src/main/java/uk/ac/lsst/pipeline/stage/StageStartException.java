package uk.ac.lsst.pipeline.stage;

/**
 * A stage cannot start: something its settings name cannot be used (a catalogue that does not load, a directory
 * that cannot be created), or its topics are missing. The message says what and what was expected.
 */
public final class StageStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StageStartException(String message) {
        super(message);
    }

    public StageStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
