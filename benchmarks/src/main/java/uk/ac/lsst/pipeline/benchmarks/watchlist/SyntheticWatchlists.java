package uk.ac.lsst.pipeline.benchmarks.watchlist;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * Seeded synthetic watch lists for the benchmarks: {@code cones} sources uniform over the sky, shared among
 * {@code lists} lists whose sizes fall off as 1/rank^0.8 (a few lists of tens of thousands of sources, many of a few
 * hundred). Radii: 90 % log-uniform in 1-5 arcsec, 9.9 % in 5-60 arcsec, 0.1 % in 1-60 arcmin. Stateless.
 */
final class SyntheticWatchlists {

    private SyntheticWatchlists() {
    }

    /** The sizes of the lists, summing to {@code cones}, largest first. */
    static int[] sizes(int cones, int lists) {
        double[] weights = new double[lists];
        double total = 0;
        for (int i = 0; i < lists; i++) {
            weights[i] = 1 / Math.pow(i + 1, 0.8);
            total += weights[i];
        }
        int[] sizes = new int[lists];
        int assigned = 0;
        for (int i = 0; i < lists; i++) {
            sizes[i] = Math.max(1, (int) (cones * weights[i] / total));
            assigned += sizes[i];
        }
        sizes[0] += cones - assigned;
        return sizes;
    }

    /** List {@code l} of the set (each list has its own seed, so lists can be generated one at a time). */
    static WatchlistDefinition list(long seed, int l, int size) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + l);
        List<WatchlistSource> sources = new ArrayList<>(size);
        for (int s = 0; s < size; s++) {
            double ra = random.nextDouble(360);
            double dec = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
            double u = random.nextDouble();
            double radius = u < 0.9 ? logUniform(random, 1, 5) : u < 0.999 ? logUniform(random, 5, 60)
                    : logUniform(random, 60, 3600);
            sources.add(new WatchlistSource("src-" + s, ra, dec, radius));
        }
        return new WatchlistDefinition("bench-" + l, "benchmark list " + l, "benchmarks", 3, sources);
    }

    static List<WatchlistDefinition> generate(long seed, int cones, int lists) {
        int[] sizes = sizes(cones, lists);
        List<WatchlistDefinition> all = new ArrayList<>(lists);
        for (int l = 0; l < lists; l++) {
            all.add(list(seed, l, sizes[l]));
        }
        return all;
    }

    /** A position within half the radius of a random source of a random list: it hits that source. */
    static double[] inside(SplittableRandom random, List<WatchlistDefinition> lists) {
        WatchlistDefinition list = lists.get(random.nextInt(lists.size()));
        WatchlistSource s = list.sources().get(random.nextInt(list.sources().size()));
        double offsetDeg = s.radiusArcsec() / 3600 * 0.5 * random.nextDouble();
        double dec = s.decDeg() + (s.decDeg() > 0 ? -offsetDeg : offsetDeg);
        return new double[] {s.raDeg(), dec};
    }

    /** A position uniform over the sky (it may fall in a large cone by chance). */
    static double[] anywhere(SplittableRandom random) {
        return new double[] {random.nextDouble(360), Math.toDegrees(Math.asin(random.nextDouble(-1, 1)))};
    }

    static double logUniform(SplittableRandom random, double min, double max) {
        return Math.exp(Math.log(min) + random.nextDouble() * Math.log(max / min));
    }
}
