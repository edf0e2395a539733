package uk.ac.lsst.pipeline.watchlist.index;

import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * One watch list as it is matched: its metadata and its sources in primitive arrays (no object per source).
 * Immutable: the arrays are never modified after construction and never handed out. Thread-safe.
 */
public final class ActiveWatchlist {
    private final WatchlistInfo info;
    private final String[] names;
    private final double[] raDeg;
    private final double[] decDeg;
    private final double[] radiusArcsec;

    private ActiveWatchlist(WatchlistInfo info, String[] names, double[] raDeg, double[] decDeg,
                            double[] radiusArcsec) {
        this.info = info;
        this.names = names;
        this.raDeg = raDeg;
        this.decDeg = decDeg;
        this.radiusArcsec = radiusArcsec;
    }

    /** Copies the sources into arrays, in the given order. */
    public static ActiveWatchlist of(WatchlistInfo info, List<WatchlistSource> sources) {
        int n = sources.size();
        String[] names = new String[n];
        double[] ra = new double[n];
        double[] dec = new double[n];
        double[] radius = new double[n];
        for (int i = 0; i < n; i++) {
            WatchlistSource s = sources.get(i);
            names[i] = s.name();
            ra[i] = s.raDeg();
            dec[i] = s.decDeg();
            radius[i] = s.radiusArcsec();
        }
        return new ActiveWatchlist(info, names, ra, dec, radius);
    }

    /** The same sources under new metadata (a rename that kept the generation). */
    public ActiveWatchlist withInfo(WatchlistInfo newInfo) {
        return new ActiveWatchlist(newInfo, names, raDeg, decDeg, radiusArcsec);
    }

    public WatchlistInfo info() {
        return info;
    }

    public String id() {
        return info.id();
    }

    public int size() {
        return names.length;
    }

    public String name(int source) {
        return names[source];
    }

    public double raDeg(int source) {
        return raDeg[source];
    }

    public double decDeg(int source) {
        return decDeg[source];
    }

    public double radiusArcsec(int source) {
        return radiusArcsec[source];
    }

    public WatchlistSource source(int source) {
        return new WatchlistSource(names[source], raDeg[source], decDeg[source], radiusArcsec[source]);
    }

    /** Every source as an object (for display; allocates). */
    public List<WatchlistSource> sources() {
        List<WatchlistSource> list = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            list.add(source(i));
        }
        return list;
    }
}
