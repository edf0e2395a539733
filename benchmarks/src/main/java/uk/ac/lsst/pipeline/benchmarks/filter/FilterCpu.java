package uk.ac.lsst.pipeline.benchmarks.filter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.ac.lsst.pipeline.filter.expression.CompiledFilter;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;

/**
 * The workloads of {@link FilterEvaluationBenchmark} and {@link FilterCompileBenchmark} measured in CPU time of the
 * working thread rather than wall time, so that a machine shared with other work still gives usable numbers. Each
 * round: every filter on each of 200 alerts (already read), then reading 200 alerts and running every filter on them,
 * then compiling and first-evaluating 1,000 expressions; prints filter evaluations per CPU second and microseconds of
 * CPU per compiled filter for each round after the warm-up ones.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.filter.FilterCpu [filters] [rounds]</pre>
 */
public final class FilterCpu {
    private static final int ALERTS_PER_ROUND = 200;
    private static final int RECORDS = 1024;
    private static final int WARM_UP_ROUNDS = 3;

    private FilterCpu() {
    }

    public static void main(String[] args) throws Exception {
        int filterCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FilterCompiler compiler = FilterCompiler.create();
        List<String> expressions = SyntheticFilters.generate(17L, filterCount);
        List<CompiledFilter> filters = new ArrayList<>();
        for (String expression : expressions) {
            filters.add(compiler.compile(expression));
        }
        List<byte[]> json = SyntheticRecords.generate(23L, RECORDS);
        List<AnnotatedRecord> records = new ArrayList<>();
        for (byte[] bytes : json) {
            records.add(AnnotatedRecordReader.read(bytes));
        }
        long check = 0;
        int next = 0;
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < ALERTS_PER_ROUND; i++) {
                AnnotatedRecord record = records.get(next++ % RECORDS);
                for (CompiledFilter filter : filters) {
                    check += filter.evaluate(record).passed() ? 1 : 0;
                }
            }
            long evaluate = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < ALERTS_PER_ROUND; i++) {
                AnnotatedRecord record = AnnotatedRecordReader.read(json.get(next++ % RECORDS));
                for (CompiledFilter filter : filters) {
                    check += filter.evaluate(record).passed() ? 1 : 0;
                }
            }
            long readAndEvaluate = threads.getCurrentThreadCpuTime() - start;
            start = threads.getCurrentThreadCpuTime();
            for (String expression : expressions) {
                check += compiler.compile(expression).evaluate(records.get(next++ % RECORDS)).passed() ? 1 : 0;
            }
            long compile = threads.getCurrentThreadCpuTime() - start;
            if (round >= WARM_UP_ROUNDS) {
                double evaluations = (double) ALERTS_PER_ROUND * filterCount;
                System.out.printf(Locale.ROOT, "round %d: %,.0f evaluations per CPU second (%.0f us CPU per alert);"
                                + " with reading: %,.0f per CPU second (%.0f us per alert);"
                                + " compile and first evaluation: %.0f us CPU per filter%n",
                        round - WARM_UP_ROUNDS + 1, evaluations / (evaluate / 1e9), evaluate / 1e3 / ALERTS_PER_ROUND,
                        evaluations / (readAndEvaluate / 1e9), readAndEvaluate / 1e3 / ALERTS_PER_ROUND,
                        compile / 1e3 / filterCount);
            }
        }
        if (check == 42) {
            System.out.print("");
        }
    }
}
