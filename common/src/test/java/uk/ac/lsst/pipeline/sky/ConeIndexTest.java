package uk.ac.lsst.pipeline.sky;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
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

class ConeIndexTest {

    private static final Position[] CENTRES = SkyFixtures.stressCatalogue(new Random(99173L), 4000);
    private static final double[] RA = SkyFixtures.ras(CENTRES);
    private static final double[] DEC = SkyFixtures.decs(CENTRES);
    private static final double[] RADIUS = SkyFixtures.radii(new Random(4412L), CENTRES.length);

    /** The same cones under a default build, the finest grid allowed (many levels) and coarse ones. */
    private static final List<ConeIndex> INDEXES = List.of(
            ConeIndex.build(RA, DEC, RADIUS),
            ConeIndex.buildWithZoneHeight(RA, DEC, RADIUS, ZoneGrid.MIN_ZONE_HEIGHT_DEG),
            ConeIndex.buildWithZoneHeight(RA, DEC, RADIUS, 0.9),
            ConeIndex.buildWithZoneHeight(RA, DEC, RADIUS, 180));

    @Provide
    Arbitrary<Position> positions() {
        return SkyFixtures.positions(CENTRES);
    }

    @Provide
    Arbitrary<Position> insideOrNearCones() {
        return Arbitraries.integers().between(0, CENTRES.length - 1).flatMap(cone ->
                net.jqwik.api.Combinators.combine(SkyFixtures.doubles(0, 360), SkyFixtures.doubles(0, 1.2))
                        .as((bearing, fraction) -> SkyFixtures.destination(RA[cone], DEC[cone], bearing,
                                fraction * RADIUS[cone])));
    }

    @Property(seed = "31337", tries = 1000)
    void shouldFindExactlyTheConesBruteForceFinds(@ForAll("positions") Position query) {
        assertSameAsBruteForce(query);
    }

    @Property(seed = "2718281", tries = 1000)
    void shouldFindExactlyTheConesBruteForceFindsAroundConeEdges(@ForAll("insideOrNearCones") Position query) {
        Map<Integer, Double> expected = assertSameAsBruteForce(query);
        Statistics.label("matches").collect(expected.isEmpty() ? "none" : "some")
                .coverage(coverage -> coverage.check("some").percentage(p -> p > 60));
    }

    private static Map<Integer, Double> assertSameAsBruteForce(Position query) {
        Map<Integer, Double> expected = SkyFixtures.bruteForceCones(RA, DEC, RADIUS, query);
        for (ConeIndex index : INDEXES) {
            Collector found = new Collector();
            index.query(query.raDeg(), query.decDeg(), found);
            assertThat(found.matches).as("%d levels", index.levelCount()).isEqualTo(expected);
        }
        return expected;
    }

    /**
     * Cones around the query at distances from 0.1 arcsec to just under 1 degree, each with a radius equal to its
     * computed separation from the query, or one ulp more, or one ulp less: the index must return exactly the first
     * two kinds.
     */
    @Property(seed = "16180339", tries = 300)
    void shouldContainQueryExactlyOnTheRadiusButNotJustOutside(@ForAll("positions") Position query,
                                                               @ForAll long seed) {
        Random random = new Random(seed);
        int size = 120;
        double[] ra = new double[size];
        double[] dec = new double[size];
        double[] radius = new double[size];
        Map<Integer, Double> expected = new HashMap<>();
        for (int i = 0; i < size; i++) {
            Position centre = SkyFixtures.destination(query.raDeg(), query.decDeg(), random.nextDouble() * 360,
                    SkyFixtures.logUniform(random, 0.1 * ARCSEC, 0.999));
            ra[i] = centre.raDeg();
            dec[i] = centre.decDeg();
            double separationDeg = Sphere.separationDeg(query.raDeg(), query.decDeg(), ra[i], dec[i]);
            int kind = i % 3;
            radius[i] = kind == 0 ? separationDeg : kind == 1 ? Math.nextUp(separationDeg)
                    : Math.nextDown(separationDeg);
            if (kind != 2) {
                expected.put(i, separationDeg);
            }
        }
        assertThat(SkyFixtures.bruteForceCones(ra, dec, radius, query)).isEqualTo(expected);
        ConeIndex multiLevel = ConeIndex.buildWithZoneHeight(ra, dec, radius, 0.2);
        assertThat(multiLevel.levelCount()).isGreaterThanOrEqualTo(3);
        for (ConeIndex index : List.of(ConeIndex.build(ra, dec, radius), multiLevel)) {
            Collector found = new Collector();
            index.query(query.raDeg(), query.decDeg(), found);
            assertThat(found.matches).as("%d levels", index.levelCount()).isEqualTo(expected);
        }
    }

    @Example
    void shouldUseSeveralLevelsAndFewCopiesPerCone() {
        ConeIndex fine = INDEXES.get(1);
        assertThat(fine.size()).isEqualTo(CENTRES.length);
        assertThat(fine.levelCount()).isEqualTo(4);
        assertThat(fine.copies()).isLessThan(5L * CENTRES.length);
        assertThat(fine.memoryBytes()).isPositive();
    }

    @Example
    void shouldFindNothingInAnEmptyIndex() {
        ConeIndex index = ConeIndex.build(new double[0], new double[0], new double[0]);
        Collector found = new Collector();
        index.query(0, 90, found);
        assertThat(index.size()).isZero();
        assertThat(found.matches).isEmpty();
    }

    @Example
    void shouldRejectBadConesNamingTheFirstBadIndex() {
        double[] two = {1, 2};
        assertThatThrownBy(() -> ConeIndex.build(new double[] {1, Double.NaN}, two, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ConeIndex: raDeg[1] = NaN");
        assertThatThrownBy(() -> ConeIndex.build(two, new double[] {-90.5, 0}, new double[] {1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decDeg[0] = -90.5");
        for (double bad : new double[] {0, -1, Double.NaN, 1.0000001, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> ConeIndex.build(two, two, new double[] {0.5, bad}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ConeIndex: radiusDeg[1] = " + bad);
        }
        assertThatThrownBy(() -> ConeIndex.build(two, two, new double[] {0.5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("radiusDeg has 1");
    }

    @Example
    void shouldRejectBadQueryPositions() {
        ConeIndex index = INDEXES.get(0);
        MatchConsumer ignore = (i, s) -> { };
        assertThatThrownBy(() -> index.query(-0.5, 0, ignore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query raDeg = -0.5");
        assertThatThrownBy(() -> index.query(0, 90.5, ignore))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query decDeg = 90.5");
    }
}
