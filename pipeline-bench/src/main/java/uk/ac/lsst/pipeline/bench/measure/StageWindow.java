package uk.ac.lsst.pipeline.bench.measure;

/**
 * When a stage had work: from the first append to its input topic to the moment it was done (it had read every
 * alert, seen by polling its counters, or appended its last result, whichever is later). Epoch milliseconds.
 */
public record StageWindow(long startMs, long doneMs) {
    public double seconds() {
        return Math.max(1, doneMs - startMs) / 1000.0;
    }
}
