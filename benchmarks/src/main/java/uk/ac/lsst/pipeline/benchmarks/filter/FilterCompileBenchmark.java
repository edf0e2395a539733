package uk.ac.lsst.pipeline.benchmarks.filter;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;

/**
 * From registration to first evaluation: compiling one filter expression ({@link SyntheticFilters}, cycling through
 * 1,000) and evaluating it on one alert, in the running stage's case: compiler built and JVM warm. See
 * {@link FilterColdStartBenchmark} for the first filter of a fresh process.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class FilterCompileBenchmark {
    private static final int EXPRESSIONS = 1000;

    private FilterCompiler compiler;
    private List<String> expressions;
    private AnnotatedRecord record;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws AnnotatedRecordException {
        compiler = FilterCompiler.create();
        expressions = SyntheticFilters.generate(17L, EXPRESSIONS);
        record = AnnotatedRecordReader.read(SyntheticRecords.generate(23L, 1).get(0));
    }

    /** Compile one expression and evaluate it once, with a warm compiler. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict registerAndEvaluate() throws ExpressionException {
        String expression = expressions.get(next++ % EXPRESSIONS);
        return compiler.compile(expression).evaluate(record);
    }
}
