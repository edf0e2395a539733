package uk.ac.lsst.pipeline.crossmatch.catalogue;

/**
 * The ids of a catalogue's sources, held compactly: a {@code long[]} when the id column is an integer (or the row
 * number), else a {@link StringPool}. Immutable once built; thread-safe.
 */
public sealed interface SourceIds {

    /** The id of source {@code index} as text. */
    String get(int index);

    /** Approximate heap held, in bytes. */
    long heapBytes();

    /** Integer ids. */
    record Numeric(long[] ids) implements SourceIds {
        @Override
        public String get(int index) {
            return Long.toString(ids[index]);
        }

        @Override
        public long heapBytes() {
            return 8L * ids.length;
        }
    }

    /** Text ids. */
    record Text(StringPool pool) implements SourceIds {
        @Override
        public String get(int index) {
            return pool.get(index);
        }

        @Override
        public long heapBytes() {
            return pool.heapBytes();
        }
    }
}
