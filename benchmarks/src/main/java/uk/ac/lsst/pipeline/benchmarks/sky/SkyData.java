package uk.ac.lsst.pipeline.benchmarks.sky;

import java.util.SplittableRandom;

/** Seeded synthetic sky data and heap measurement for the sky benchmarks. Not thread-safe. */
final class SkyData {

    static final double ARCSEC = 1.0 / 3600;

    private SkyData() {
    }

    /** RA and Dec, in degrees, of {@code size} positions uniform over the sphere. */
    static double[][] uniform(long seed, int size) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] ra = new double[size];
        double[] dec = new double[size];
        for (int i = 0; i < size; i++) {
            ra[i] = random.nextDouble(360);
            dec[i] = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
        }
        return new double[][] {ra, dec};
    }

    /** {@code size} positions each within {@code maxOffsetDeg} (Dec offset) of a random one of the given ones. */
    static double[][] near(long seed, double[][] positions, int size, double maxOffsetDeg) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] ra = new double[size];
        double[] dec = new double[size];
        for (int i = 0; i < size; i++) {
            int of = random.nextInt(positions[0].length);
            ra[i] = positions[0][of];
            dec[i] = Math.max(-90, Math.min(90, positions[1][of] + random.nextDouble(-maxOffsetDeg, maxOffsetDeg)));
        }
        return new double[][] {ra, dec};
    }

    /** A value log-uniform in [min, max). */
    static double logUniform(SplittableRandom random, double min, double max) {
        return Math.exp(Math.log(min) + random.nextDouble() * Math.log(max / min));
    }

    /** Heap in use after a full collection, in bytes (approximate: System.gc is a request). */
    static long usedHeapBytes() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
