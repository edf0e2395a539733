package uk.ac.lsst.pipeline.local.replay;

/**
 * Told about a running replay about once a second, on the thread that runs the replay; must return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = progress -> { };

    void onProgress(ReplayProgress progress);
}
