package uk.ac.lsst.pipeline.watchlist.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import uk.ac.lsst.pipeline.sky.Sphere;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * The matcher over many lists finds exactly what a brute-force loop over every source of every list finds. Lists
 * are generated from a seed (jqwik's seed is fixed, so runs repeat); positions cluster near sources, near the poles
 * and near RA 0/360 so that hits, wrap-around and several lists sharing a position all happen.
 */
class WatchlistIndexPropertyTest {
    /** Matches within this of a cone's edge may go either way (floating point); none is that close in practice. */
    private static final double EDGE_DEG = 1e-9;

    record Key(String list, String source) {
    }

    @Property(tries = 60, seed = "20261126")
    void shouldFindExactlyWhatBruteForceFinds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int listCount) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ActiveWatchlist> lists = randomLists(random, listCount);
        WatchlistIndex index = WatchlistIndex.build(lists, 3);
        assertThat(index.listCount()).isEqualTo(listCount);
        assertThat(index.coneCount()).isEqualTo(lists.stream().mapToInt(ActiveWatchlist::size).sum());

        int hits = 0;
        for (int q = 0; q < 200; q++) {
            double[] p = queryPosition(random, lists);
            Map<Key, Double> found = new HashMap<>();
            index.match(p[0], p[1], (list, source, sepDeg) -> {
                Double previous = found.put(new Key(list.id(), list.name(source)), sepDeg);
                assertThat(previous).as("reported twice").isNull();
            });
            Set<Key> surely = new HashSet<>();
            Set<Key> maybe = new HashSet<>();
            for (ActiveWatchlist list : lists) {
                for (int s = 0; s < list.size(); s++) {
                    double sep = Sphere.separationDeg(p[0], p[1], list.raDeg(s), list.decDeg(s));
                    double radius = list.radiusArcsec(s) / 3600;
                    Key key = new Key(list.id(), list.name(s));
                    if (sep <= radius - EDGE_DEG) {
                        surely.add(key);
                    }
                    if (sep <= radius + EDGE_DEG) {
                        maybe.add(key);
                    }
                    if (found.containsKey(key)) {
                        assertThat(found.get(key)).as("separation of %s", key).isCloseTo(sep, within(1e-12));
                        assertThat(found.get(key)).as("%s within its radius", key).isLessThanOrEqualTo(radius);
                    }
                }
            }
            assertThat(found.keySet()).as("query %s", p).containsAll(surely);
            assertThat(maybe).as("query %s", p).containsAll(found.keySet());
            hits += found.size();
        }
        assertThat(hits).as("the generator makes hits happen").isPositive();
    }

    @Property(tries = 20, seed = "7")
    void shouldMatchNothingWithoutLists(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        WatchlistIndex index = WatchlistIndex.build(List.of(list("empty", List.of())), 1);
        List<Key> found = new ArrayList<>();
        index.match(random.nextDouble(0, 360), random.nextDouble(-90, 90), (l, s, d) -> found.add(new Key(l.id(), "")));
        WatchlistIndex.empty().match(10, 10, (l, s, d) -> found.add(new Key(l.id(), "")));
        assertThat(found).isEmpty();
        assertThat(index.coneCount()).isZero();
    }

    private static List<ActiveWatchlist> randomLists(SplittableRandom random, int listCount) {
        List<ActiveWatchlist> lists = new ArrayList<>();
        List<double[]> shared = new ArrayList<>();
        for (int l = 0; l < listCount; l++) {
            int size = random.nextInt(10) == 0 ? 0 : random.nextInt(1, 200);
            List<WatchlistSource> sources = new ArrayList<>();
            for (int s = 0; s < size; s++) {
                double[] pos;
                if (!shared.isEmpty() && random.nextInt(5) == 0) {
                    pos = shared.get(random.nextInt(shared.size())); // the same object in several lists
                } else {
                    pos = randomPosition(random);
                    shared.add(pos);
                }
                double radiusArcsec = switch (random.nextInt(4)) {
                    case 0 -> random.nextDouble(0.1, 2);
                    case 1 -> random.nextDouble(2, 60);
                    case 2 -> random.nextDouble(60, 600);
                    default -> random.nextDouble(600, 3600);
                };
                sources.add(new WatchlistSource("s" + s, pos[0], pos[1], radiusArcsec));
            }
            lists.add(list("list-" + l, sources));
        }
        return lists;
    }

    private static ActiveWatchlist list(String id, List<WatchlistSource> sources) {
        return ActiveWatchlist.of(new WatchlistInfo(id, id, "", 5, 1, sources.size(), 0), sources);
    }

    private static double[] randomPosition(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> new double[] {random.nextDouble(0, 360), random.nextDouble(89, 90)};
            case 1 -> new double[] {random.nextDouble(0, 360), random.nextDouble(-90, -89)};
            case 2 -> new double[] {random.nextBoolean() ? random.nextDouble(0, 0.5) : random.nextDouble(359.5, 360),
                    random.nextDouble(-60, 60)};
            default -> new double[] {random.nextDouble(0, 360), Math.toDegrees(Math.asin(random.nextDouble(-1, 1)))};
        };
    }

    /** Half the queries land near a source (within twice its radius), half anywhere. */
    private static double[] queryPosition(SplittableRandom random, List<ActiveWatchlist> lists) {
        ActiveWatchlist list = lists.get(random.nextInt(lists.size()));
        if (list.size() == 0 || random.nextBoolean()) {
            return randomPosition(random);
        }
        int s = random.nextInt(list.size());
        double r = list.radiusArcsec(s) / 3600 * 2 * random.nextDouble();
        double angle = random.nextDouble(0, 2 * Math.PI);
        double dec = Math.max(-90, Math.min(90, list.decDeg(s) + r * Math.sin(angle)));
        double cosDec = Math.max(Math.cos(Math.toRadians(list.decDeg(s))), 1e-3);
        double ra = (list.raDeg(s) + r * Math.cos(angle) / cosDec) % 360;
        ra = ra < 0 ? ra + 360 : ra;
        return new double[] {ra >= 360 ? 0 : ra, dec};
    }
}
