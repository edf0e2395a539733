package uk.ac.lsst.pipeline.filter.engine;

import uk.ac.lsst.pipeline.filter.definition.FilterKey;

/**
 * What one change did to a {@link FilterRegistry}. Immutable.
 *
 * @param key    the filter concerned
 * @param result what happened
 * @param reason for {@link Result#REJECTED}, why (the expression's problems with their positions); otherwise null
 */
public record RegistryUpdate(FilterKey key, Result result, String reason) {

    /** What a change did. */
    public enum Result {
        /** A new filter is active. */
        ADDED,
        /** A filter's definition was replaced and the new one is active. */
        REPLACED,
        /** A filter was deleted. */
        DELETED,
        /** A tombstone for a filter that was not registered: nothing changed. */
        ABSENT,
        /** The definition's expression does not compile: the filter (and any earlier definition of it) is inactive. */
        REJECTED
    }
}
