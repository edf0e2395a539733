package uk.ac.lsst.pipeline.benchmarks.sky;

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
import uk.ac.lsst.pipeline.sky.PointIndex;

/**
 * {@link PointIndex} as the crossmatch service uses it: a catalogue of {@code size} sources uniform over the sky
 * (seeded, built for radii up to 10 arcsec), cone searches of {@code radiusArcsec} at random positions
 * ({@code targets = random}) or within 1 arcsec of a catalogue source ({@code targets = sources}). {@code build}
 * times one build (single shot); the catalogue's setup prints its build time and the heap the index holds. Runs in
 * a 2 GB heap, the crossmatch service's budget.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PointIndexBenchmark {

    private static final int QUERIES = 1 << 20;
    private static final double MAX_RADIUS_DEG = 10 * SkyData.ARCSEC;

    /** The catalogue and its index. */
    @State(Scope.Benchmark)
    public static class Catalogue {
        @Param("10000000")
        int size;

        double[][] positions;
        PointIndex index;

        @Setup(Level.Trial)
        public void setUp() {
            positions = SkyData.uniform(20260417L, size);
            long heapBefore = SkyData.usedHeapBytes();
            long start = System.nanoTime();
            index = PointIndex.build(positions[0], positions[1], MAX_RADIUS_DEG);
            long buildNanos = System.nanoTime() - start;
            long heapAfter = SkyData.usedHeapBytes();
            System.out.printf("%nPointIndex of %,d sources: built in %.2f s, memoryBytes %s (%.1f bytes/source),"
                            + " heap growth %s%n", size, buildNanos / 1e9, SkyData.mib(index.memoryBytes()),
                    index.memoryBytes() / (double) size, SkyData.mib(heapAfter - heapBefore));
        }
    }

    /** Seeded query positions. */
    @State(Scope.Benchmark)
    public static class Queries {
        @Param("2.0")
        double radiusArcsec;

        @Param({"random", "sources"})
        String targets;

        double[][] positions;

        @Setup(Level.Trial)
        public void setUp(Catalogue catalogue) {
            positions = "sources".equals(targets)
                    ? SkyData.near(7L, catalogue.positions, QUERIES, SkyData.ARCSEC)
                    : SkyData.uniform(7L, QUERIES);
        }
    }

    /** One cone search; returns the running match checksum so that nothing is optimised away. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public long query(Catalogue catalogue, Queries queries, QueryCursor cursor) {
        int i = cursor.next++ & (QUERIES - 1);
        catalogue.index.query(queries.positions[0][i], queries.positions[1][i],
                queries.radiusArcsec * SkyData.ARCSEC, cursor);
        return cursor.checksum;
    }

    /** One full build of the index from the catalogue arrays. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PointIndex build(Catalogue catalogue) {
        return PointIndex.build(catalogue.positions[0], catalogue.positions[1], MAX_RADIUS_DEG);
    }
}
