package uk.ac.lsst.pipeline.ops;

/** An operation on the pipeline's buffers failed; the message names the buffer, topic or stage and the reason. */
public final class OpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OpsException(String message) {
        super(message);
    }

    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
