package uk.ac.lsst.pipeline.watchlist.topic;

import uk.ac.lsst.pipeline.watchlist.list.Limits;

/**
 * Keys of the watch-lists topic: {@code <listId>} for a list's metadata record, {@code <listId>/<generation>/<source
 * name>} for one source of one generation. List ids never contain '/', generations are decimal, and the source name
 * is the rest of the key (it may contain '/').
 */
public sealed interface WatchlistKey {

    String listId();

    /** The key of a list's metadata record. */
    record Metadata(String listId) implements WatchlistKey {
        @Override
        public String toString() {
            return listId;
        }
    }

    /** The key of one source record. */
    record Source(String listId, long generation, String name) implements WatchlistKey {
        @Override
        public String toString() {
            return listId + "/" + generation + "/" + name;
        }
    }

    /** @throws IllegalArgumentException when {@code key} is not a watch-lists topic key */
    static WatchlistKey parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("record without a key");
        }
        int slash = key.indexOf('/');
        String id = slash < 0 ? key : key.substring(0, slash);
        String problem = Limits.listIdProblem(id);
        if (problem != null) {
            throw new IllegalArgumentException("key '" + key + "': " + problem);
        }
        if (slash < 0) {
            return new Metadata(id);
        }
        int second = key.indexOf('/', slash + 1);
        if (second < 0 || second == key.length() - 1) {
            throw new IllegalArgumentException("key '" + key + "' is neither <listId> nor <listId>/<generation>/<name>");
        }
        try {
            long generation = Long.parseLong(key.substring(slash + 1, second));
            return new Source(id, generation, key.substring(second + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("key '" + key + "': generation is not a number");
        }
    }
}
