package uk.ac.lsst.pipeline.benchmarks.filter;

import java.util.ArrayList;
import java.util.List;
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
import uk.ac.lsst.pipeline.filter.expression.CompiledFilter;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;

/**
 * The filter stage's CPU per alert, one thread: {@code filters} registered filters ({@link SyntheticFilters}) each
 * evaluated on one annotated record ({@link SyntheticRecords}), cycling through {@value #RECORDS} records. One
 * operation is one alert: filter evaluations per second = ops/s x {@code filters}. {@code evaluateAll} takes the
 * records already read (the activation built once per alert, outside the measurement); {@code readAndEvaluateAll}
 * reads the JSON and builds the activation too. The setup prints how many evaluations pass and fail at run time.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FilterEvaluationBenchmark {
    private static final int RECORDS = 1024;

    @Param("1000")
    int filters;

    private CompiledFilter[] compiled;
    private List<byte[]> json;
    private AnnotatedRecord[] records;

    @Setup(Level.Trial)
    public void setUp() throws ExpressionException, AnnotatedRecordException {
        FilterCompiler compiler = FilterCompiler.create();
        List<CompiledFilter> list = new ArrayList<>();
        for (String expression : SyntheticFilters.generate(17L, filters)) {
            list.add(compiler.compile(expression));
        }
        compiled = list.toArray(new CompiledFilter[0]);
        json = SyntheticRecords.generate(23L, RECORDS);
        records = new AnnotatedRecord[RECORDS];
        long bytes = 0;
        for (int i = 0; i < RECORDS; i++) {
            records[i] = AnnotatedRecordReader.read(json.get(i));
            bytes += json.get(i).length;
        }
        long pass = 0;
        long error = 0;
        for (AnnotatedRecord record : records) {
            for (CompiledFilter filter : compiled) {
                Verdict v = filter.evaluate(record);
                pass += v.passed() ? 1 : 0;
                error += v.outcome() == Verdict.Outcome.ERROR ? 1 : 0;
            }
        }
        long total = (long) RECORDS * filters;
        System.out.printf("%n%d filters x %d records (mean %d bytes): %.2f %% pass, %.3f %% run-time errors%n",
                filters, RECORDS, bytes / RECORDS, 100.0 * pass / total, 100.0 * error / total);
    }

    /** Per-thread position in the records. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** Every filter on one alert already read. */
    @Benchmark
    public int evaluateAll(Cursor cursor) {
        AnnotatedRecord record = records[cursor.next++ & (RECORDS - 1)];
        int passed = 0;
        for (CompiledFilter filter : compiled) {
            if (filter.evaluate(record).passed()) {
                passed++;
            }
        }
        return passed;
    }

    /** Reads one alert's JSON, builds its activation, and runs every filter on it. */
    @Benchmark
    public int readAndEvaluateAll(Cursor cursor) throws AnnotatedRecordException {
        AnnotatedRecord record = AnnotatedRecordReader.read(json.get(cursor.next++ & (RECORDS - 1)));
        int passed = 0;
        for (CompiledFilter filter : compiled) {
            if (filter.evaluate(record).passed()) {
                passed++;
            }
        }
        return passed;
    }
}
