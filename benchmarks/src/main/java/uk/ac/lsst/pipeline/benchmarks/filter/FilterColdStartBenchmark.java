package uk.ac.lsst.pipeline.benchmarks.filter;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;

/**
 * The first filter of a fresh process: building the compiler, compiling one expression, reading one annotated record
 * and evaluating the filter on it, class loading and interpretation before JIT included. One shot per fork; the setup
 * only makes the JSON and the expression text, so no CEL class is loaded before the shot.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FilterColdStartBenchmark {
    private String expression;
    private byte[] recordJson;

    @Setup(Level.Trial)
    public void setUp() {
        expression = SyntheticFilters.generate(17L, 2).get(1);
        recordJson = SyntheticRecords.generate(23L, 1).get(0);
    }

    @Benchmark
    public Verdict firstFilter() throws ExpressionException, AnnotatedRecordException {
        return FilterCompiler.create().compile(expression).evaluate(AnnotatedRecordReader.read(recordJson));
    }
}
