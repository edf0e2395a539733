package uk.ac.lsst.pipeline.thumbnails.store;

import java.io.IOException;

/**
 * Where thumbnails are kept. Keys are relative, '/'-separated paths made by {@link ThumbnailKeys} (e.g.
 * {@code ztf/ZTF18abjrdau/697252845015010002_science.jpg}), safe as file paths and URL paths alike. A put
 * replaces what the key held, and readers see either the old or the new image, never part of one, so replaying
 * an alert is idempotent. Implementations are thread-safe: every stream thread stores through the same one.
 */
public interface ThumbnailStore {

    /**
     * Stores {@code bytes} under {@code key}, replacing any earlier image.
     *
     * @throws IOException when the store cannot be written (the stage then fails and is restarted: nothing is
     *                     committed for the alert, so it is rendered again)
     */
    void put(String key, byte[] bytes) throws IOException;

    /** Where the store keeps its images, for logs. */
    String describe();
}
