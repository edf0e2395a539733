package uk.ac.lsst.pipeline.filter.definition;

/** One record of the filters topic, read: a filter registered (or replaced), or deleted. Immutable. */
public sealed interface FilterChange permits FilterChange.Upsert, FilterChange.Delete {

    FilterKey key();

    /** A filter registered, or its definition replaced. */
    record Upsert(FilterDefinition definition) implements FilterChange {
        @Override
        public FilterKey key() {
            return definition.key();
        }
    }

    /** A filter deleted (a tombstone). */
    record Delete(FilterKey key) implements FilterChange {
    }
}
