package uk.ac.lsst.pipeline.sky;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import uk.ac.lsst.pipeline.sky.SkyFixtures.Position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static uk.ac.lsst.pipeline.sky.SkyFixtures.ARCSEC;

class ZoneGridTest {

    private static final double[] HEIGHTS = {ZoneGrid.MIN_ZONE_HEIGHT_DEG, 0.3, 1.7, 45, 180};
    private static final List<ZoneGrid> GRIDS = Arrays.stream(HEIGHTS).mapToObj(ZoneGrid::new).toList();

    @Provide
    Arbitrary<Position> positions() {
        return SkyFixtures.positions(new Position[] {new Position(0, 90), new Position(0, -90), new Position(0, 0)});
    }

    @Provide
    Arbitrary<ZoneGrid> grids() {
        return Arbitraries.of(GRIDS);
    }

    @Provide
    Arbitrary<Double> radii() {
        return SkyFixtures.doubles(Math.log(0.1 * ARCSEC), Math.log(30)).map(Math::exp);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return SkyFixtures.withSome(SkyFixtures.doubles(0, 1), Arbitraries.of(0.0, 1.0));
    }

    @Property(seed = "101", tries = 1000)
    void shouldPutEveryPositionInACellOfItsZone(@ForAll("grids") ZoneGrid grid, @ForAll("positions") Position p) {
        int zone = grid.zone(p.decDeg());
        int cell = grid.cell(p.raDeg(), p.decDeg());
        assertThat(zone).isBetween(0, grid.zoneCount() - 1);
        assertThat(cell).isBetween(grid.firstCell(zone), grid.firstCell(zone) + grid.cellsInZone(zone) - 1);
        double lowDeg = -90 + zone * grid.zoneHeightDeg();
        double highDeg = zone == grid.zoneCount() - 1 ? 90 : lowDeg + grid.zoneHeightDeg();
        assertThat(p.decDeg()).isBetween(lowDeg - 1e-12, highDeg + 1e-12);
    }

    /**
     * The property the indexes rest on: a position within the radius of a centre (as {@link Sphere#separationDeg}
     * says) lies in a cell that {@link ZoneGrid#forEachCellRun} visits, and no cell is visited twice.
     */
    @Property(seed = "102", tries = 2000)
    void shouldVisitTheCellOfEveryPositionInsideTheDiscOnce(@ForAll("grids") ZoneGrid grid,
                                                           @ForAll("positions") Position centre,
                                                           @ForAll("radii") double radiusDeg,
                                                           @ForAll("fractions") double fraction,
                                                           @ForAll("fractions") double bearing) {
        Position p = SkyFixtures.destination(centre.raDeg(), centre.decDeg(), 360 * bearing, fraction * radiusDeg);
        double separationDeg = Sphere.separationDeg(centre.raDeg(), centre.decDeg(), p.raDeg(), p.decDeg());
        double radius = Math.max(radiusDeg, separationDeg);
        double padded = radius + ZoneGrid.PAD_DEG;
        List<int[]> runs = new ArrayList<>();
        grid.forEachCellRun(centre.raDeg(), centre.decDeg(), padded, ZoneGrid.raHalfWidthDeg(centre.decDeg(), padded),
                (first, last) -> runs.add(new int[] {first, last}));
        runs.sort(Comparator.comparingInt(run -> run[0]));
        int previousLast = -1;
        for (int[] run : runs) {
            assertThat(run[0]).as("runs overlap or are inverted").isGreaterThan(previousLast)
                    .isLessThanOrEqualTo(run[1]);
            previousLast = run[1];
        }
        assertThat(previousLast).isLessThan(grid.cellCount());
        int cell = grid.cell(p.raDeg(), p.decDeg());
        assertThat(runs).as("cell %d of %s", cell, p).anyMatch(run -> run[0] <= cell && cell <= run[1]);
    }

    @Example
    void shouldMakeCellsAtLeastOneZoneHeightWide() {
        for (double height : HEIGHTS) {
            ZoneGrid grid = new ZoneGrid(height);
            assertThat(grid.zoneCount()).isEqualTo((int) Math.ceil(180 / height - 1e-9));
            for (int zone = 0; zone < grid.zoneCount(); zone++) {
                double low = -90 + zone * height;
                double farDec = Math.max(Math.abs(low), Math.abs(Math.min(90, low + height)));
                int cells = grid.cellsInZone(zone);
                assertThat(cells == 1 || 360.0 / cells * Math.cos(Math.toRadians(farDec)) >= height)
                        .as("zone %d of height %s", zone, height).isTrue();
            }
            assertThat(grid.cellsInZone(0)).isEqualTo(1);
            assertThat(grid.cellsInZone(grid.zoneCount() - 1)).isEqualTo(1);
        }
    }

    @Example
    void shouldNumberCellsByZoneThenRa() {
        ZoneGrid grid = new ZoneGrid(1.0);
        assertThat(grid.zoneCount()).isEqualTo(180);
        assertThat(grid.cell(0, -90)).isZero();
        assertThat(grid.cell(359.999, 90)).isEqualTo(grid.cellCount() - 1);
        int equator = grid.zone(0);
        assertThat(equator).isEqualTo(90);
        // zone [0, 1): far edge at 1 degree, floor(360 cos 1deg) = 359 cells
        assertThat(grid.cellsInZone(equator)).isEqualTo(359);
        assertThat(grid.cell(0, 0)).isEqualTo(grid.firstCell(equator));
        assertThat(grid.cell(Math.nextDown(360.0), 0.5)).isEqualTo(grid.firstCell(equator) + 358);
    }

    @Example
    void shouldCoverAllRasWhenTheDiscReachesAPole() {
        assertThat(ZoneGrid.raHalfWidthDeg(89.5, 0.5)).isInfinite();
        assertThat(ZoneGrid.raHalfWidthDeg(-89.5, 0.6)).isInfinite();
        assertThat(ZoneGrid.raHalfWidthDeg(0, 1)).isGreaterThan(1);
        assertThat(ZoneGrid.raHalfWidthDeg(60, 1)).isBetween(2.0, 2.1);
    }

    /** The cheap bound is never below the exact half-width, and at most 5 % above it. */
    @Property(seed = "103", tries = 1000)
    void shouldBoundTheRaHalfWidthTightlyFromAbove(@ForAll("positions") Position centre,
                                                  @ForAll("radii") double radiusDeg) {
        double half = ZoneGrid.raHalfWidthDeg(centre.decDeg(), radiusDeg);
        double sine = Math.sin(Math.toRadians(radiusDeg)) / Math.cos(Math.toRadians(centre.decDeg()));
        if (Math.abs(centre.decDeg()) + radiusDeg >= 90 || sine >= 1 - 1e-6) {
            assertThat(half).isInfinite();
        } else {
            double exact = Math.toDegrees(Math.asin(sine));
            assertThat(half).isGreaterThanOrEqualTo(exact + ZoneGrid.PAD_DEG / 2).isLessThan(exact * 1.05 + 1e-8);
        }
    }

    @Example
    void shouldRejectAZoneHeightOutOfRange() {
        assertThatThrownBy(() -> new ZoneGrid(0.001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZoneGrid(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
