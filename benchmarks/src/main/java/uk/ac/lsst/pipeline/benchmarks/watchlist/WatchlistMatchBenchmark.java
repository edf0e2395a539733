package uk.ac.lsst.pipeline.benchmarks.watchlist;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.Survey;
import uk.ac.lsst.pipeline.watchlist.WatchlistCheck;
import uk.ac.lsst.pipeline.watchlist.WatchlistHit;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.HitConsumer;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;

/**
 * The in-memory matching step of watchlist-service, one thread: an alert position against every list
 * ({@code cones} sources over {@code lists} lists, see {@link SyntheticWatchlists}), a {@link WatchlistHit} made
 * for every match. {@code hitPercent} of the alerts are placed inside a cone, the rest anywhere on the sky.
 * Throughput in alerts per second. The setup prints how long the index took to build.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class WatchlistMatchBenchmark {
    private static final int QUERIES = 1 << 20;

    @Param("1000000")
    int cones;

    @Param("1000")
    int lists;

    @Param({"1", "10"})
    int hitPercent;

    private WatchlistIndex index;
    private double[] ra;
    private double[] dec;

    @Setup(Level.Trial)
    public void setUp() {
        List<WatchlistDefinition> definitions = SyntheticWatchlists.generate(11L, cones, lists);
        SplittableRandom random = new SplittableRandom(5L);
        ra = new double[QUERIES];
        dec = new double[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            double[] p = random.nextInt(100) < hitPercent ? SyntheticWatchlists.inside(random, definitions)
                    : SyntheticWatchlists.anywhere(random);
            ra[i] = p[0];
            dec[i] = p[1];
        }
        long start = System.nanoTime();
        index = WatchlistCheck.index(definitions);
        long nanos = System.nanoTime() - start;
        System.out.printf("%nWatchlistIndex of %,d cones in %,d lists: built in %.2f s (heap: see WatchlistIndexScale)%n",
                index.coneCount(), index.listCount(), nanos / 1e9);
    }

    /** Per-thread cursor; makes the hit records as the stage does. */
    @State(Scope.Thread)
    public static class Matcher implements HitConsumer {
        final Alert alert = new Alert(Survey.ZTF, AlertFormat.OCF, "4.02", -1, 1L, "ZTF26aaaaaaa", 0, 0, 61000.5,
                "r", 19.5, 0.1, Double.NaN, Double.NaN, null);
        final List<WatchlistHit> hits = new ArrayList<>();
        int next;
        long produced;

        @Override
        public void accept(ActiveWatchlist list, int source, double separationDeg) {
            hits.add(WatchlistHit.of(list, source, separationDeg, alert, 1L, 2L));
        }
    }

    /** One alert against every list. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long match(Matcher m) {
        int i = m.next++ & (QUERIES - 1);
        m.hits.clear();
        index.match(ra[i], dec[i], m);
        m.produced += m.hits.size();
        return m.produced;
    }
}
