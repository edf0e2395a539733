package uk.ac.lsst.pipeline.sky;

import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import uk.ac.lsst.pipeline.sky.SkyFixtures.Collector;
import uk.ac.lsst.pipeline.sky.SkyFixtures.Position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.lsst.pipeline.sky.SkyFixtures.ARCSEC;

class PointIndexTest {

    private static final Position[] CATALOGUE = SkyFixtures.stressCatalogue(new Random(20260417L), 4000);
    private static final double[] RA = SkyFixtures.ras(CATALOGUE);
    private static final double[] DEC = SkyFixtures.decs(CATALOGUE);

    /** The same catalogue under grids from the finest allowed to a single zone. */
    private static final List<PointIndex> INDEXES = List.of(
            PointIndex.build(RA, DEC, 10 * ARCSEC),
            PointIndex.build(RA, DEC, 1.0),
            PointIndex.buildWithZoneHeight(RA, DEC, ZoneGrid.MIN_ZONE_HEIGHT_DEG),
            PointIndex.buildWithZoneHeight(RA, DEC, 0.37),
            PointIndex.buildWithZoneHeight(RA, DEC, 7.0),
            PointIndex.buildWithZoneHeight(RA, DEC, 180));

    @Provide
    Arbitrary<Position> positions() {
        return SkyFixtures.positions(CATALOGUE);
    }

    @Provide
    Arbitrary<Double> radii() {
        return SkyFixtures.radii();
    }

    @Property(seed = "7120954413", tries = 1000)
    void shouldFindExactlyWhatBruteForceFinds(@ForAll("positions") Position query, @ForAll("radii") double radiusDeg) {
        Map<Integer, Double> expected = SkyFixtures.bruteForce(RA, DEC, query, radiusDeg);
        Statistics.label("matches").collect(expected.isEmpty() ? "none" : "some")
                .coverage(coverage -> coverage.check("some").percentage(p -> p > 25));
        for (PointIndex index : INDEXES) {
            Collector found = new Collector();
            index.query(query.raDeg(), query.decDeg(), radiusDeg, found);
            assertThat(found.matches).as("zone height %s", index.zoneHeightDeg()).isEqualTo(expected);
        }
    }

    @Property(seed = "889201", tries = 600)
    void shouldIncludeEntryExactlyOnTheRadiusAndExcludeItJustOutside(
            @ForAll("entries") int entry, @ForAll("bearings") double bearingDeg, @ForAll("radii") double distanceDeg) {
        Position query = SkyFixtures.destination(RA[entry], DEC[entry], bearingDeg, distanceDeg);
        double onRadiusDeg = Sphere.separationDeg(query.raDeg(), query.decDeg(), RA[entry], DEC[entry]);
        for (double radiusDeg : new double[] {onRadiusDeg, Math.nextUp(onRadiusDeg), Math.nextDown(onRadiusDeg)}) {
            if (radiusDeg < 0) {
                continue;
            }
            Map<Integer, Double> expected = SkyFixtures.bruteForce(RA, DEC, query, radiusDeg);
            assertThat(expected.containsKey(entry)).isEqualTo(radiusDeg >= onRadiusDeg);
            for (PointIndex index : INDEXES) {
                Collector found = new Collector();
                index.query(query.raDeg(), query.decDeg(), radiusDeg, found);
                assertThat(found.matches).as("zone height %s, radius %s", index.zoneHeightDeg(), radiusDeg)
                        .isEqualTo(expected);
            }
        }
    }

    @Provide
    Arbitrary<Integer> entries() {
        return net.jqwik.api.Arbitraries.integers().between(0, CATALOGUE.length - 1);
    }

    @Provide
    Arbitrary<Double> bearings() {
        return SkyFixtures.doubles(0, 360);
    }

    @Example
    void shouldFindTheWholeSkyWithA180DegreeRadius() {
        for (PointIndex index : INDEXES) {
            Collector found = new Collector();
            index.query(12.5, -33.0, 180, found);
            assertThat(found.matches).hasSize(CATALOGUE.length);
        }
    }

    @Example
    void shouldFindOnlyIdenticalPositionsWithAZeroRadius() {
        PointIndex index = INDEXES.get(0);
        Collector found = new Collector();
        index.query(0, 90, 0, found);
        assertThat(found.matches).isNotEmpty()
                .isEqualTo(SkyFixtures.bruteForce(RA, DEC, new Position(0, 90), 0));
    }

    @Example
    void shouldFindNothingInAnEmptyIndex() {
        PointIndex index = PointIndex.build(new double[0], new double[0], 1.0);
        Collector found = new Collector();
        index.query(10, 10, 1.0, found);
        assertThat(index.size()).isZero();
        assertThat(found.matches).isEmpty();
    }

    @Example
    void shouldHoldAboutTwentySixBytesPerEntry() {
        Random random = new Random(5);
        int size = 200_000;
        Position[] positions = new Position[size];
        for (int i = 0; i < size; i++) {
            positions[i] = SkyFixtures.uniform(random);
        }
        PointIndex index = PointIndex.build(SkyFixtures.ras(positions), SkyFixtures.decs(positions), 10 * ARCSEC);
        assertThat(index.size()).isEqualTo(size);
        assertThat(index.memoryBytes()).isBetween(24L * size, 28L * size);
    }

    @Example
    void shouldRejectBadPositionsNamingTheFirstBadIndex() {
        assertThatThrownBy(() -> PointIndex.build(new double[] {1, 2, Double.NaN}, new double[] {0, 0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raDeg[2] = NaN");
        assertThatThrownBy(() -> PointIndex.build(new double[] {1, 360}, new double[] {0, 0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raDeg[1] = 360.0");
        assertThatThrownBy(() -> PointIndex.build(new double[] {-1e-300}, new double[] {0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("raDeg[0]");
        assertThatThrownBy(() -> PointIndex.build(new double[] {1, 2}, new double[] {90, 90.000001}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decDeg[1] = 90.000001");
        assertThatThrownBy(() -> PointIndex.build(new double[] {1}, new double[] {Double.NEGATIVE_INFINITY}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decDeg[0] = -Infinity");
        assertThatThrownBy(() -> PointIndex.build(new double[] {1, 2}, new double[] {0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 entries")
                .hasMessageContaining("1");
    }

    @Example
    void shouldRejectBadRadiiAndQueries() {
        PointIndex index = INDEXES.get(0);
        MatchConsumer ignore = (i, s) -> { };
        for (double bad : new double[] {0, -1, Double.NaN, 180.5, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> PointIndex.build(RA, DEC, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRadiusDeg");
        }
        for (double bad : new double[] {-1e-9, Double.NaN, 180.5}) {
            assertThatThrownBy(() -> index.query(1, 1, bad, ignore))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radiusDeg");
        }
        assertThatThrownBy(() -> index.query(360, 1, 1, ignore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query raDeg = 360.0");
        assertThatThrownBy(() -> index.query(1, Double.NaN, 1, ignore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query decDeg = NaN");
    }
}
