package uk.ac.lsst.pipeline.watchlist;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.stage.AlertDecoding;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;

/**
 * The stage's matching run offline: watch lists from files, alerts from files, hits out ({@code appendedAtMs}
 * null). Same index and hit records as the service. Stateless.
 */
public final class WatchlistCheck {

    /**
     * @param alerts  alerts matched against the lists (decoded, with a usable position)
     * @param hits    hits found
     * @param skipped one line per file that could not be matched, {@code <path>: <reason>}: files that are not
     *                alert files first, then undecodable alerts and alerts without a usable position
     */
    public record Summary(int alerts, int hits, List<String> skipped) {
    }

    private WatchlistCheck() {
    }

    /** The lists as the service would index them (generation 0, not uploaded). */
    public static WatchlistIndex index(Collection<WatchlistDefinition> lists) {
        List<ActiveWatchlist> active = new ArrayList<>();
        for (WatchlistDefinition list : lists) {
            list.validate();
            active.add(ActiveWatchlist.of(new WatchlistInfo(list.id(), list.name(), list.owner(),
                    list.defaultRadiusArcsec(), 0, list.sources().size(), 0), list.sources()));
        }
        return WatchlistIndex.build(active, 0);
    }

    /**
     * Matches every alert file found against the index, handing each hit to {@code out} as it is found; files
     * that are not alert files, undecodable alerts and alerts without a usable position are skipped and listed.
     */
    public static Summary run(WatchlistIndex index, AlertDiscovery files, AlertDecoder decoder,
                              Consumer<WatchlistHit> out) {
        int hits = 0;
        int alerts = 0;
        List<String> skipped = new ArrayList<>();
        files.problems().forEach(p -> skipped.add(p.toString()));
        List<WatchlistHit> found = new ArrayList<>();
        for (AlertFile file : files.files()) {
            Alert alert;
            try {
                alert = decoder.decode(file.read(), file.format());
            } catch (AlertDecodeException | UncheckedIOException e) {
                skipped.add(file.path() + ": " + e.getMessage());
                continue;
            }
            if (!alert.hasUsablePosition()) {
                skipped.add(file.path() + ": " + AlertDecoding.NO_POSITION + " (ra=" + alert.raDeg() + ", dec="
                        + alert.decDeg() + ")");
                continue;
            }
            long now = System.currentTimeMillis();
            found.clear();
            index.match(alert.raDeg(), alert.decDeg(),
                    (list, source, sep) -> found.add(WatchlistHit.of(list, source, sep, alert, null, now)));
            found.forEach(out);
            hits += found.size();
            alerts++;
        }
        return new Summary(alerts, hits, List.copyOf(skipped));
    }
}
