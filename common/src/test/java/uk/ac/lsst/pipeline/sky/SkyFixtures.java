package uk.ac.lsst.pipeline.sky;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions, arbitraries and brute-force oracles shared by the sky tests. */
final class SkyFixtures {

    static final double ARCSEC = 1.0 / 3600;

    private SkyFixtures() {
    }

    /** A sky position in degrees. */
    record Position(double raDeg, double decDeg) {
    }

    /**
     * The position {@code distanceDeg} away from (raDeg, decDeg) along the great circle leaving it at
     * {@code bearingDeg} east of north, with RA wrapped into [0, 360) and Dec clamped into [-90, 90].
     */
    static Position destination(double raDeg, double decDeg, double bearingDeg, double distanceDeg) {
        double dec = Math.toRadians(decDeg);
        double bearing = Math.toRadians(bearingDeg);
        double distance = Math.toRadians(distanceDeg);
        double sinDec2 = Math.sin(dec) * Math.cos(distance) + Math.cos(dec) * Math.sin(distance) * Math.cos(bearing);
        double dec2 = Math.asin(Math.max(-1, Math.min(1, sinDec2)));
        double dRa = Math.atan2(Math.sin(bearing) * Math.sin(distance) * Math.cos(dec),
                Math.cos(distance) - Math.sin(dec) * sinDec2);
        return new Position(wrapRa(raDeg + Math.toDegrees(dRa)),
                Math.max(-90, Math.min(90, Math.toDegrees(dec2))));
    }

    /** An RA in degrees wrapped into [0, 360). */
    static double wrapRa(double raDeg) {
        double ra = raDeg % 360;
        if (ra < 0) {
            ra += 360;
        }
        return ra >= 360 ? 0 : ra;
    }

    /** A position drawn uniformly over the sphere. */
    static Position uniform(Random random) {
        return new Position(random.nextDouble() * 360, Math.toDegrees(Math.asin(2 * random.nextDouble() - 1)));
    }

    /**
     * A catalogue that stresses the index: uniform positions, both polar caps (some exactly at the poles), the RA
     * 0/360 seam (some at exactly 0 and just below 360), tight clusters, exact duplicates and near-duplicates.
     */
    static Position[] stressCatalogue(Random random, int size) {
        Position[] positions = new Position[size];
        for (int i = 0; i < size; i++) {
            positions[i] = switch (i % 8) {
                case 0, 1 -> uniform(random);
                case 2 -> new Position(random.nextDouble() * 360,
                        (random.nextBoolean() ? 1 : -1) * (90 - 1.5 * random.nextDouble() * random.nextDouble()));
                case 3 -> new Position(wrapRa(random.nextGaussian() * 0.3), Math.toDegrees(Math.asin(
                        2 * random.nextDouble() - 1)));
                case 4 -> i < 200 ? special(i) : uniform(random);
                case 5, 6 -> i > 16 ? near(random, positions[random.nextInt(i)], 1.0) : uniform(random);
                default -> i > 16 ? tiny(random, positions[random.nextInt(i - 1)]) : uniform(random);
            };
        }
        return positions;
    }

    private static Position special(int i) {
        return switch ((i / 8) % 6) {
            case 0 -> new Position(0, 90);
            case 1 -> new Position(123.25, -90);
            case 2 -> new Position(0, (i % 180) - 89.5);
            case 3 -> new Position(Math.nextDown(360.0), (i % 170) - 84.5);
            case 4 -> new Position(0, 0);
            default -> new Position(359.9999999, 89.99999);
        };
    }

    /** A position within {@code maxDeg} of {@code centre}, at a log-uniform distance from 1e-4 arcsec up. */
    static Position near(Random random, Position centre, double maxDeg) {
        double distance = Math.exp(Math.log(1e-4 * ARCSEC) + random.nextDouble() * Math.log(maxDeg / (1e-4 * ARCSEC)));
        return destination(centre.raDeg(), centre.decDeg(), random.nextDouble() * 360, distance);
    }

    /** An exact duplicate or a position within 1e-6 arcsec of {@code centre}. */
    private static Position tiny(Random random, Position centre) {
        return random.nextBoolean() ? centre
                : destination(centre.raDeg(), centre.decDeg(), random.nextDouble() * 360, 1e-6 * ARCSEC);
    }

    static double[] ras(Position[] positions) {
        double[] ras = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            ras[i] = positions[i].raDeg();
        }
        return ras;
    }

    static double[] decs(Position[] positions) {
        double[] decs = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            decs[i] = positions[i].decDeg();
        }
        return decs;
    }

    /** Radii log-uniform from 0.1 arcsec to 1 degree, with some exactly at both ends. */
    static double[] radii(Random random, int size) {
        double[] radii = new double[size];
        for (int i = 0; i < size; i++) {
            radii[i] = switch (i % 50) {
                case 0 -> 1.0;
                case 1 -> 0.1 * ARCSEC;
                default -> logUniform(random, 0.1 * ARCSEC, 1.0);
            };
        }
        return radii;
    }

    static double logUniform(Random random, double min, double max) {
        return Math.min(max, Math.exp(Math.log(min) + random.nextDouble() * Math.log(max / min)));
    }

    /** jqwik: a double with full precision in [min, max). */
    static Arbitrary<Double> doubles(double min, double max) {
        return Arbitraries.longs().between(0, (1L << 53) - 1)
                .map(bits -> Math.min(Math.nextDown(max), min + (max - min) * (bits / (double) (1L << 53))));
    }

    /** jqwik: radii log-uniform from 0.1 arcsec to 1 degree. */
    static Arbitrary<Double> radii() {
        return withSome(doubles(Math.log(0.1 * ARCSEC), 0).map(Math::exp), Arbitraries.of(0.1 * ARCSEC, 1.0));
    }

    /**
     * jqwik: query positions, a quarter each drawn uniformly, near a pole (|Dec| above 89.9), across RA 0/360
     * (within 0.01 degree of it), and near one of the given positions (within 1 degree).
     */
    static Arbitrary<Position> positions(Position[] near) {
        Arbitrary<Position> uniform = Combinators.combine(doubles(0, 360), doubles(-1, 1))
                .as((ra, sinDec) -> new Position(ra, Math.toDegrees(Math.asin(sinDec))));
        Arbitrary<Position> polar = Combinators.combine(doubles(0, 360), doubles(89.9, 90), Arbitraries.of(1, -1))
                .as((ra, dec, sign) -> new Position(ra, sign * Math.nextUp(dec)));
        Arbitrary<Position> seam = Combinators.combine(doubles(-0.01, 0.01), doubles(-90, 90))
                .as((ra, dec) -> new Position(wrapRa(ra), dec));
        Arbitrary<Position> nearby = Combinators.combine(Arbitraries.integers().between(0, near.length - 1),
                        doubles(0, 360), doubles(Math.log(1e-3 * ARCSEC), 0))
                .as((i, bearing, logDistance) -> destination(near[i].raDeg(), near[i].decDeg(), bearing,
                        Math.exp(logDistance)));
        return withSome(Arbitraries.oneOf(uniform, polar, seam, nearby),
                Arbitraries.of(new Position(0, 90), new Position(0, -90), new Position(0, 0)));
    }

    /** jqwik: mostly {@code usual}, one time in twenty one of {@code special}. */
    static <T> Arbitrary<T> withSome(Arbitrary<T> usual, Arbitrary<T> special) {
        return Arbitraries.frequencyOf(Tuple.of(19, usual), Tuple.of(1, special));
    }

    /** Brute force: every position within {@code radiusDeg} of the query, by index, with its separation. */
    static Map<Integer, Double> bruteForce(double[] ras, double[] decs, Position query, double radiusDeg) {
        Map<Integer, Double> matches = new HashMap<>();
        for (int i = 0; i < ras.length; i++) {
            double separationDeg = Sphere.separationDeg(query.raDeg(), query.decDeg(), ras[i], decs[i]);
            if (separationDeg <= radiusDeg) {
                matches.put(i, separationDeg);
            }
        }
        return matches;
    }

    /** Brute force: every cone containing the query, by index, with the separation from its centre. */
    static Map<Integer, Double> bruteForceCones(double[] ras, double[] decs, double[] radii, Position query) {
        Map<Integer, Double> matches = new HashMap<>();
        for (int i = 0; i < ras.length; i++) {
            double separationDeg = Sphere.separationDeg(query.raDeg(), query.decDeg(), ras[i], decs[i]);
            if (separationDeg <= radii[i]) {
                matches.put(i, separationDeg);
            }
        }
        return matches;
    }

    /** A match consumer that collects matches by index and fails on a second call for the same index. */
    static final class Collector implements MatchConsumer {
        final Map<Integer, Double> matches = new HashMap<>();

        @Override
        public void accept(int index, double separationDeg) {
            Double previous = matches.put(index, separationDeg);
            assertThat(previous).as("index %d reported twice", index).isNull();
        }
    }
}
