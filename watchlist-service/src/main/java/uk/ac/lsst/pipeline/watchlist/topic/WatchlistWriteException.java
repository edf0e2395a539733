package uk.ac.lsst.pipeline.watchlist.topic;

/** The buffer did not acknowledge the records of an upload or delete; the message says what state that leaves. */
public final class WatchlistWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WatchlistWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
