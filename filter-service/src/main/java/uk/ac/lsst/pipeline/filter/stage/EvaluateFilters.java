package uk.ac.lsst.pipeline.filter.stage;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.engine.ActiveFilter;
import uk.ac.lsst.pipeline.filter.engine.FilterRunner;
import uk.ac.lsst.pipeline.filter.engine.FilterSink;
import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.quota.DailyQuota;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;
import uk.ac.lsst.pipeline.stage.Routed;
import uk.ac.lsst.pipeline.stage.StageMetrics;

/**
 * Evaluates every active filter on one annotated record (read once, its variables shared by all filters) and
 * forwards one {@link FilterOutput} per filter that passed and is within its daily quota, with the record's key and
 * headers. A record that is not an annotated record is a dead letter ({@code unreadable-record}); a filter that fails
 * on it is counted and skipped for it (logged once per filter and task). One instance per stream task (not
 * thread-safe); the quota accounting is the process's, shared by its tasks.
 */
final class EvaluateFilters implements Processor<String, byte[], String, Routed<FilterOutput>>, FilterSink {
    static final String UNREADABLE = "unreadable-record";
    private static final Logger log = LoggerFactory.getLogger(EvaluateFilters.class);

    private final StageMetrics stage;
    private final FilterMetrics metrics;
    private final DailyQuota quota;
    private final Set<FilterKey> failedBefore = new HashSet<>();
    private ProcessorContext<String, Routed<FilterOutput>> context;
    private FilterRunner runner;
    private Record<String, byte[]> current;

    EvaluateFilters(StageMetrics stage, FilterMetrics metrics, DailyQuota quota) {
        this.stage = stage;
        this.metrics = metrics;
        this.quota = quota;
    }

    @Override
    public void init(ProcessorContext<String, Routed<FilterOutput>> context) {
        this.context = context;
        FilterStore store = context.getStateStore(FilterStore.NAME);
        this.runner = new FilterRunner(store.registry(), quota);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        stage.alertIn();
        AnnotatedRecord annotated;
        try {
            annotated = AnnotatedRecordReader.read(record.value());
        } catch (AnnotatedRecordException e) {
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            context.forward(record.withValue(Routed.dead(key, record.value(), UNREADABLE, e.getMessage())));
            return;
        }
        current = record;
        runner.run(annotated, this);
        current = null;
    }

    @Override
    public void evaluated(ActiveFilter filter, Verdict verdict, long nanos) {
        metrics.evaluated(filter.key(), nanos);
    }

    @Override
    public void write(ActiveFilter filter, byte[] value) {
        FilterMetrics.PerFilter meters = metrics.of(filter.key());
        meters.passed().increment();
        meters.bytes().increment(value.length);
        context.forward(current.withValue(Routed.ok(new FilterOutput(filter.topic(), value))));
        stage.alertOut();
    }

    @Override
    public void dropped(ActiveFilter filter, int bytes, boolean firstToday) {
        FilterMetrics.PerFilter meters = metrics.of(filter.key());
        meters.passed().increment();
        meters.dropped().increment();
        if (firstToday) {
            log.warn("filter {} is over its daily quota of {} bytes: its matches are dropped until 00:00 UTC",
                    filter.key(), filter.definition().dailyQuotaBytes());
        }
    }

    @Override
    public void failed(ActiveFilter filter, String error) {
        metrics.of(filter.key()).errors().increment();
        if (failedBefore.add(filter.key())) {
            log.warn("filter {} failed on alert {} and skips it (and every alert it fails on; counted in "
                    + "pipeline_filter_errors_total): {}", filter.key(), current.key(), error);
        }
    }
}
