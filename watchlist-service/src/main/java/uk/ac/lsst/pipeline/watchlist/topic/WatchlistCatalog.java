package uk.ac.lsst.pipeline.watchlist.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * The watch lists that the records of the watch-lists topic describe, built by applying the records in topic
 * order. A list is <em>active</em> (matched) once its metadata record names a generation and every source record
 * of that generation has been seen; until then the previous generation stays active. So a replaced list swaps whole,
 * even when its records arrive over many polls or partitions.
 *
 * <p>Source records of other generations are kept aside until their metadata record arrives (an upload in
 * progress) or dropped when they are older than the active generation (superseded, waiting for their tombstone).
 * Not thread-safe: one writer, callers synchronise.
 */
public final class WatchlistCatalog {
    private final Map<String, ListState> lists = new HashMap<>();
    private long version;

    /** What one list's records say so far. */
    private static final class ListState {
        WatchlistInfo info;
        ActiveWatchlist active;
        final TreeMap<Long, Map<String, WatchlistSource>> generations = new TreeMap<>();

        boolean isEmpty() {
            return info == null && active == null && generations.isEmpty();
        }
    }

    /**
     * Applies one record of the topic.
     *
     * @param key   the record key
     * @param value the record value, null for a tombstone
     * @return true when the set of active lists (or their metadata) changed
     * @throws IllegalArgumentException for a record that is not a valid watch-lists record (the catalog is unchanged)
     */
    public boolean apply(String key, byte[] value) {
        WatchlistKey parsed = WatchlistKey.parse(key);
        boolean changed;
        if (parsed instanceof WatchlistKey.Metadata m) {
            changed = value == null ? deleteList(m.listId()) : putInfo(m.listId(), WatchlistRecords.info(value));
        } else {
            WatchlistKey.Source s = (WatchlistKey.Source) parsed;
            changed = value == null ? deleteSource(s) : putSource(s, WatchlistRecords.source(value));
        }
        if (changed) {
            version++;
        }
        return changed;
    }

    /** Increases whenever {@link #apply} reports a change. */
    public long version() {
        return version;
    }

    /** The active lists, in no particular order. */
    public List<ActiveWatchlist> active() {
        List<ActiveWatchlist> active = new ArrayList<>();
        for (ListState state : lists.values()) {
            if (state.active != null) {
                active.add(state.active);
            }
        }
        return active;
    }

    public Optional<ActiveWatchlist> active(String listId) {
        return Optional.ofNullable(lists.get(listId)).map(s -> s.active);
    }

    /** The latest metadata record of the list, active or not yet complete. */
    public Optional<WatchlistInfo> info(String listId) {
        return Optional.ofNullable(lists.get(listId)).map(s -> s.info);
    }

    /** The highest generation that any record of the list names, or 0. */
    public long maxGeneration(String listId) {
        ListState state = lists.get(listId);
        if (state == null) {
            return 0;
        }
        long max = state.info == null ? 0 : state.info.generation();
        if (state.active != null) {
            max = Math.max(max, state.active.info().generation());
        }
        return state.generations.isEmpty() ? max : Math.max(max, state.generations.lastKey());
    }

    /**
     * Keys of the source records of the list held now (the active generation and any other), except those of
     * {@code keepGeneration}: what an upload or delete must tombstone.
     */
    public List<WatchlistKey.Source> sourceKeys(String listId, long keepGeneration) {
        ListState state = lists.get(listId);
        List<WatchlistKey.Source> keys = new ArrayList<>();
        if (state == null) {
            return keys;
        }
        if (state.active != null && state.active.info().generation() != keepGeneration) {
            long g = state.active.info().generation();
            for (int i = 0; i < state.active.size(); i++) {
                keys.add(new WatchlistKey.Source(listId, g, state.active.name(i)));
            }
        }
        state.generations.forEach((g, sources) -> {
            if (g != keepGeneration) {
                sources.keySet().forEach(name -> keys.add(new WatchlistKey.Source(listId, g, name)));
            }
        });
        return keys;
    }

    private boolean putInfo(String listId, WatchlistInfo info) {
        if (!info.id().equals(listId)) {
            throw new IllegalArgumentException("metadata record under key '" + listId + "' names list '" + info.id() + "'");
        }
        ListState state = lists.computeIfAbsent(listId, k -> new ListState());
        state.info = info;
        if (state.active != null && state.active.info().generation() == info.generation()) {
            state.active = state.active.withInfo(info);
            return true;
        }
        return tryActivate(state);
    }

    private boolean putSource(WatchlistKey.Source key, WatchlistSource source) {
        if (!key.name().equals(source.name())) {
            throw new IllegalArgumentException("source record under key '" + key + "' is named '" + source.name() + "'");
        }
        ListState state = lists.computeIfAbsent(key.listId(), k -> new ListState());
        if (state.active != null && key.generation() <= state.active.info().generation()
                || state.info != null && key.generation() < state.info.generation()) {
            return false; // superseded, or already active
        }
        state.generations.computeIfAbsent(key.generation(), g -> new LinkedHashMap<>()).put(key.name(), source);
        return state.info != null && state.info.generation() == key.generation() && tryActivate(state);
    }

    private boolean tryActivate(ListState state) {
        WatchlistInfo info = state.info;
        Map<String, WatchlistSource> sources = state.generations.get(info.generation());
        int have = sources == null ? 0 : sources.size();
        if (have < info.sourceCount()) {
            return false; // the rest of this generation has not arrived yet
        }
        state.active = ActiveWatchlist.of(info, sources == null ? List.of() : new ArrayList<>(sources.values()));
        state.generations.headMap(info.generation(), true).clear();
        return true;
    }

    private boolean deleteList(String listId) {
        ListState state = lists.get(listId);
        if (state == null) {
            return false;
        }
        boolean wasActive = state.active != null;
        if (state.info != null) {
            state.generations.headMap(state.info.generation(), true).clear();
        }
        state.info = null;
        state.active = null;
        if (state.isEmpty()) {
            lists.remove(listId);
        }
        return wasActive;
    }

    private boolean deleteSource(WatchlistKey.Source key) {
        ListState state = lists.get(key.listId());
        if (state == null) {
            return false;
        }
        Map<String, WatchlistSource> sources = state.generations.get(key.generation());
        if (sources != null) {
            sources.remove(key.name());
            if (sources.isEmpty()) {
                state.generations.remove(key.generation());
            }
        }
        if (state.isEmpty()) {
            lists.remove(key.listId());
        }
        return false;
    }
}
