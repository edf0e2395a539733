package uk.ac.lsst.pipeline.benchmarks.crossmatch;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.ac.lsst.pipeline.crossmatch.MatchRecord;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;
import uk.ac.lsst.pipeline.stage.JsonSerde;

/**
 * crossmatch-service's matching against a {@code size}-source catalogue ({@link SyntheticCatalogue}, uniform over
 * the sky, 2 arcsec radius), at seeded random positions ({@code targets = random}: almost never a match at 10 M
 * sources) or within 1 arcsec of a source ({@code targets = sources}: at least one match each):
 * <ul>
 * <li>{@code indexLookup}: the sky index alone (candidate cells, exact separations);</li>
 * <li>{@code match}: the full per-alert match: index, sorting, classification and the published match records;</li>
 * <li>{@code matchAndSerialise}: that plus writing the JSON record the service publishes.</li>
 * </ul>
 * Throughput is per thread: with {@code -t 1}, per core. Runs in a 2 GB heap, the service's budget.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'crossmatch.CrossmatchBenchmark' -f 1 -wi 2 -i 3 -w 2s -r 3s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CrossmatchBenchmark {
    private static final int QUERIES = 1 << 20;

    @State(Scope.Benchmark)
    public static class Sky {
        @Param("10000000")
        int size;

        @Param({"random", "sources"})
        String targets;

        IndexedCatalogue catalogue;
        CrossMatcher matcher;
        double[] ra;
        double[] dec;

        @Setup(Level.Trial)
        public void setUp() {
            long start = System.nanoTime();
            Catalogue c = SyntheticCatalogue.inMemory(size, 2.0);
            catalogue = IndexedCatalogue.of(c);
            matcher = new CrossMatcher(new LiveCatalogues(List.of(catalogue)), ClassificationRules.DEFAULTS);
            ra = new double[QUERIES];
            dec = new double[QUERIES];
            SplittableRandom random = new SplittableRandom(99);
            for (int i = 0; i < QUERIES; i++) {
                if (targets.equals("random")) {
                    ra[i] = random.nextDouble(360);
                    dec[i] = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
                } else {
                    int of = random.nextInt(c.size());
                    ra[i] = c.raDeg(of);
                    dec[i] = Math.max(-90, Math.min(90, c.decDeg(of) + random.nextDouble(-1, 1) / 3600));
                }
            }
            System.out.printf("%n%,d sources made and indexed in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        }
    }

    /** Each thread walks the query positions from its own start. */
    @State(Scope.Thread)
    public static class Cursor {
        int next = (int) (Thread.currentThread().getId() * 7919) & (QUERIES - 1);

        int advance() {
            next = (next + 1) & (QUERIES - 1);
            return next;
        }
    }

    @Benchmark
    public int indexLookup(Sky sky, Cursor cursor) {
        int i = cursor.advance();
        int[] found = {0};
        sky.catalogue.query(sky.ra[i], sky.dec[i], (index, sep) -> found[0]++);
        return found[0];
    }

    @Benchmark
    public List<MatchRecord> match(Sky sky, Cursor cursor) {
        int i = cursor.advance();
        MatchOutcome outcome = sky.matcher.match(sky.ra[i], sky.dec[i]);
        return outcome.matches().stream().map(MatchRecord::of).toList();
    }

    @Benchmark
    public byte[] matchAndSerialise(Sky sky, Cursor cursor) {
        int i = cursor.advance();
        MatchOutcome outcome = sky.matcher.match(sky.ra[i], sky.dec[i]);
        return JsonSerde.write(new Result(sky.ra[i], sky.dec[i], outcome.classification().name(),
                outcome.matches().stream().map(MatchRecord::of).toList()));
    }

    /** The shape of the published record, without the alert's other fields. */
    public record Result(double raDeg, double decDeg, String classification, List<MatchRecord> matches) {
    }
}
