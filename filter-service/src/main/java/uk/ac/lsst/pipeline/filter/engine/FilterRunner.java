package uk.ac.lsst.pipeline.filter.engine;

import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.output.AlertOutput;
import uk.ac.lsst.pipeline.filter.quota.DailyQuota;
import uk.ac.lsst.pipeline.filter.quota.QuotaDecision;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;

/**
 * Runs every active filter on one alert: evaluates it on the alert's variables (built once), makes the output of each
 * match at the filter's level, checks the daily quota, and tells the sink. Thread-safe when its sink is used by one
 * thread at a time: the registry and the {@link DailyQuota} may be shared.
 */
public final class FilterRunner {
    private final FilterRegistry registry;
    private final DailyQuota quota;

    public FilterRunner(FilterRegistry registry, DailyQuota quota) {
        this.registry = registry;
        this.quota = quota;
    }

    /** @return how many filters matched (written or dropped) */
    public int run(AnnotatedRecord record, FilterSink sink) {
        AlertOutput output = new AlertOutput(record);
        int matched = 0;
        for (ActiveFilter filter : registry.filters()) {
            long start = System.nanoTime();
            Verdict verdict = filter.compiled().evaluate(record.variables());
            sink.evaluated(filter, verdict, System.nanoTime() - start);
            if (verdict.outcome() == Verdict.Outcome.ERROR) {
                sink.failed(filter, verdict.error());
            } else if (verdict.passed()) {
                matched++;
                byte[] value = output.value(filter.definition().outputLevel(), filter.key());
                QuotaDecision decision = quota.tryWrite(filter.key(), filter.definition().dailyQuotaBytes(),
                        value.length);
                if (decision.write()) {
                    sink.write(filter, value);
                } else {
                    sink.dropped(filter, value.length, decision == QuotaDecision.FIRST_DROP);
                }
            }
        }
        return matched;
    }
}
