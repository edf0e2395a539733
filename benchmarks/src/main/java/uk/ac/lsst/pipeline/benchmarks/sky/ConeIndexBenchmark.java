package uk.ac.lsst.pipeline.benchmarks.sky;

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
import uk.ac.lsst.pipeline.sky.ConeIndex;

/**
 * {@link ConeIndex} as the watch-list service uses it: {@code size} cones uniform over the sky (seeded), radii
 * log-uniform in 1-60 arcsec except one cone in {@code bigEvery} with a radius log-uniform in 1 arcmin - 1 degree;
 * queries at random positions ({@code targets = random}) or within 30 arcsec (in Dec) of a cone centre
 * ({@code targets = cones}). {@code build} times one build (single shot); the cones' setup prints the build time
 * and the heap the index holds. Runs in a 1 GB heap (the index itself has to fit in 512 MB).
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ConeIndexBenchmark {

    private static final int QUERIES = 1 << 20;

    /** The cones and their index. */
    @State(Scope.Benchmark)
    public static class Cones {
        @Param("1000000")
        int size;

        @Param("100")
        int bigEvery;

        double[][] centres;
        double[] radii;
        ConeIndex index;

        @Setup(Level.Trial)
        public void setUp() {
            centres = SkyData.uniform(99173L, size);
            radii = new double[size];
            SplittableRandom random = new SplittableRandom(4412L);
            for (int i = 0; i < size; i++) {
                radii[i] = i % bigEvery == 0
                        ? SkyData.logUniform(random, 60 * SkyData.ARCSEC, 1.0)
                        : SkyData.logUniform(random, SkyData.ARCSEC, 60 * SkyData.ARCSEC);
            }
            long heapBefore = SkyData.usedHeapBytes();
            long start = System.nanoTime();
            index = ConeIndex.build(centres[0], centres[1], radii);
            long buildNanos = System.nanoTime() - start;
            long heapAfter = SkyData.usedHeapBytes();
            System.out.printf("%nConeIndex of %,d cones: built in %.2f s, memoryBytes %s (%.1f bytes/cone),"
                            + " heap growth %s%n", size, buildNanos / 1e9, SkyData.mib(index.memoryBytes()),
                    index.memoryBytes() / (double) size, SkyData.mib(heapAfter - heapBefore));
        }
    }

    /** Seeded query positions. */
    @State(Scope.Benchmark)
    public static class Queries {
        @Param({"random", "cones"})
        String targets;

        double[][] positions;

        @Setup(Level.Trial)
        public void setUp(Cones cones) {
            positions = "cones".equals(targets)
                    ? SkyData.near(7L, cones.centres, QUERIES, 30 * SkyData.ARCSEC)
                    : SkyData.uniform(7L, QUERIES);
        }
    }

    /** One alert position against all cones; returns the running match checksum. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long query(Cones cones, Queries queries, QueryCursor cursor) {
        int i = cursor.next++ & (QUERIES - 1);
        cones.index.query(queries.positions[0][i], queries.positions[1][i], cursor);
        return cursor.checksum;
    }

    /** One full build of the index from the cone arrays. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public ConeIndex build(Cones cones) {
        return ConeIndex.build(cones.centres[0], cones.centres[1], cones.radii);
    }
}
