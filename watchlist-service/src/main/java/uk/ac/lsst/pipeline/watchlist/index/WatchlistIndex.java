package uk.ac.lsst.pipeline.watchlist.index;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import uk.ac.lsst.pipeline.sky.ConeIndex;

/**
 * An immutable snapshot of every active watch list, indexed for matching: one {@link ConeIndex} over the sources of
 * all lists, so that each alert costs one query whatever the number of lists. Cones are numbered list after list;
 * a match is mapped back to its list by a binary search over the lists' first cones (only for matches).
 * Thread-safe: built once, queried by any number of threads.
 */
public final class WatchlistIndex {
    private static final WatchlistIndex EMPTY = new WatchlistIndex(new ActiveWatchlist[0], new int[] {0}, null, 0);

    private final ActiveWatchlist[] lists;
    /** firstCone[i] = number of cones of lists[0..i-1]; firstCone[lists.length] = total. */
    private final int[] firstCone;
    private final ConeIndex cones;
    private final long version;

    private WatchlistIndex(ActiveWatchlist[] lists, int[] firstCone, ConeIndex cones, long version) {
        this.lists = lists;
        this.firstCone = firstCone;
        this.cones = cones;
        this.version = version;
    }

    /** No lists: matches nothing. */
    public static WatchlistIndex empty() {
        return EMPTY;
    }

    /**
     * @param lists   the active lists (empty lists are allowed and match nothing)
     * @param version the catalogue version this snapshot reflects
     */
    public static WatchlistIndex build(Collection<ActiveWatchlist> lists, long version) {
        ActiveWatchlist[] array = lists.toArray(ActiveWatchlist[]::new);
        int[] first = new int[array.length + 1];
        long total = 0;
        for (int i = 0; i < array.length; i++) {
            first[i] = (int) total;
            total += array[i].size();
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many watch-list sources to index: more than " + total);
            }
        }
        first[array.length] = (int) total;
        int n = (int) total;
        if (n == 0) {
            return new WatchlistIndex(array, first, null, version);
        }
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] radiusDeg = new double[n];
        for (int l = 0; l < array.length; l++) {
            ActiveWatchlist list = array[l];
            for (int s = 0, c = first[l]; s < list.size(); s++, c++) {
                ra[c] = list.raDeg(s);
                dec[c] = list.decDeg(s);
                radiusDeg[c] = list.radiusArcsec(s) / 3600.0;
            }
        }
        return new WatchlistIndex(array, first, ConeIndex.build(ra, dec, radiusDeg), version);
    }

    /**
     * Calls {@code consumer} for every source of every list whose cone contains (raDeg, decDeg), boundary included.
     * The position must be usable (finite, RA in [0, 360), Dec in [-90, 90]).
     */
    public void match(double raDeg, double decDeg, HitConsumer consumer) {
        if (cones == null) {
            return;
        }
        cones.query(raDeg, decDeg, (cone, separationDeg) -> {
            int l = listOf(cone);
            consumer.accept(lists[l], cone - firstCone[l], separationDeg);
        });
    }

    private int listOf(int cone) {
        int i = Arrays.binarySearch(firstCone, 0, lists.length, cone);
        if (i >= 0) {
            // several lists may start at the same cone when some are empty: take the last, the non-empty one
            while (i + 1 < lists.length && firstCone[i + 1] == cone) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    public List<ActiveWatchlist> lists() {
        return List.of(lists);
    }

    /** Number of lists indexed. */
    public int listCount() {
        return lists.length;
    }

    /** Number of sources (cones) indexed over all lists. */
    public int coneCount() {
        return firstCone[lists.length];
    }

    /** The catalogue version it was built from. */
    public long version() {
        return version;
    }
}
