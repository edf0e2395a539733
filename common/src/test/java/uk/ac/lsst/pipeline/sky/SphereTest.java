package uk.ac.lsst.pipeline.sky;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import uk.ac.lsst.pipeline.sky.SkyFixtures.Position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.ac.lsst.pipeline.sky.SkyFixtures.ARCSEC;

class SphereTest {

    @Provide
    Arbitrary<Position> positions() {
        return SkyFixtures.positions(new Position[] {new Position(0, 90), new Position(0, -90), new Position(0, 0)});
    }

    @Provide
    Arbitrary<Double> bearings() {
        return SkyFixtures.doubles(0, 360);
    }

    @Property(seed = "42", tries = 1000)
    void shouldBeExactlySymmetric(@ForAll("positions") Position a, @ForAll("positions") Position b) {
        assertThat(Sphere.separationDeg(a.raDeg(), a.decDeg(), b.raDeg(), b.decDeg()))
                .isEqualTo(Sphere.separationDeg(b.raDeg(), b.decDeg(), a.raDeg(), a.decDeg()));
    }

    @Property(seed = "43", tries = 500)
    void shouldBeZeroForIdenticalPositions(@ForAll("positions") Position a) {
        assertThat(Sphere.separationDeg(a.raDeg(), a.decDeg(), a.raDeg(), a.decDeg())).isZero();
    }

    @Property(seed = "44", tries = 500)
    void shouldBe180ForAntipodes(@ForAll("positions") Position a) {
        double antipodeRa = SkyFixtures.wrapRa(a.raDeg() + 180);
        assertThat(Sphere.separationDeg(a.raDeg(), a.decDeg(), antipodeRa, -a.decDeg())).isCloseTo(180, within(1e-12));
    }

    @Property(seed = "45", tries = 1000)
    void shouldAgreeWithHaversineAwayFromAntipodes(@ForAll("positions") Position a, @ForAll("positions") Position b) {
        double haversineDeg = haversineDeg(a, b);
        if (haversineDeg < 170) {
            assertThat(Sphere.separationDeg(a.raDeg(), a.decDeg(), b.raDeg(), b.decDeg()))
                    .isCloseTo(haversineDeg, within(1e-11));
        }
    }

    /**
     * A position 1e-6 arcsec away in any direction (toward the equator near a pole) is measured with an error below
     * 1e-9 arcsec (haversine is accurate there: no cancellation).
     */
    @Property(seed = "46", tries = 1000)
    void shouldMeasureTinySeparationsAccurately(@ForAll("positions") Position a, @ForAll("bearings") double bearing) {
        double offsetDeg = 1e-6 * ARCSEC;
        double dDec = offsetDeg * Math.cos(Math.toRadians(bearing));
        double dRa = offsetDeg * Math.sin(Math.toRadians(bearing)) / Math.cos(Math.toRadians(a.decDeg()));
        if (Math.abs(a.decDeg()) > 89.99) {
            dDec = -Math.signum(a.decDeg()) * offsetDeg;
            dRa = 0;
        }
        Position b = new Position(SkyFixtures.wrapRa(a.raDeg() + dRa), a.decDeg() + dDec);
        double expectedArcsec = haversineDeg(a, b) / ARCSEC;
        assertThat(expectedArcsec).isBetween(0.5e-6, 2e-6);
        assertThat(Sphere.separationDeg(a.raDeg(), a.decDeg(), b.raDeg(), b.decDeg()) / ARCSEC)
                .isCloseTo(expectedArcsec, within(1e-9));
    }

    @Example
    void shouldGiveKnownSeparations() {
        assertThat(Sphere.separationDeg(0, 0, 90, 0)).isCloseTo(90, within(1e-13));
        assertThat(Sphere.separationDeg(0, 0, 0, 90)).isCloseTo(90, within(1e-13));
        assertThat(Sphere.separationDeg(10, 20, 10, 21)).isCloseTo(1, within(1e-13));
        assertThat(Sphere.separationDeg(359.5, 0, 0.5, 0)).isCloseTo(1, within(1e-13));
        assertThat(Sphere.separationDeg(0, 90, 180, 90)).isCloseTo(0, within(1e-13));
        assertThat(Sphere.separationDeg(17, 90, 200, -90)).isCloseTo(180, within(1e-13));
        assertThat(Sphere.separationDeg(0, 60, 180, 60)).isCloseTo(60, within(1e-13));
        assertThat(Sphere.separationDeg(45, 0, 45, 1e-6 * ARCSEC) / ARCSEC).isCloseTo(1e-6, within(1e-15));
    }

    private static double haversineDeg(Position a, Position b) {
        double dDec = Math.toRadians(b.decDeg() - a.decDeg());
        double dRa = Math.toRadians(b.raDeg() - a.raDeg());
        double h = Math.pow(Math.sin(dDec / 2), 2)
                + Math.cos(Math.toRadians(a.decDeg())) * Math.cos(Math.toRadians(b.decDeg()))
                * Math.pow(Math.sin(dRa / 2), 2);
        return Math.toDegrees(2 * Math.asin(Math.sqrt(Math.min(1, h))));
    }
}
