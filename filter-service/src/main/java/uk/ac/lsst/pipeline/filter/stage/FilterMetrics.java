package uk.ac.lsst.pipeline.filter.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.stage.StageMetrics;

/**
 * The meters of filter-service, per filter (tag {@code filter=<owner>/<name>}): alerts evaluated, passed, bytes
 * written, records dropped over the daily quota, run-time errors, and evaluation time; and for the stage the active
 * filters and the filters records refused. A deleted filter's meters are removed. Thread-safe.
 */
final class FilterMetrics {
    private final MeterRegistry registry;
    private final Tags stage;
    private final Map<FilterKey, PerFilter> filters = new ConcurrentHashMap<>();
    private final Counter rejected;
    private final AtomicInteger active = new AtomicInteger();

    /** The meters of one filter. */
    record PerFilter(Counter evaluated, Counter passed, Counter bytes, Counter dropped, Counter errors,
                     Timer evaluation) {
        List<Meter> all() {
            return List.of(evaluated, passed, bytes, dropped, errors, evaluation);
        }
    }

    FilterMetrics(StageMetrics metrics) {
        this.registry = metrics.registry();
        this.stage = Tags.of("stage", metrics.stage());
        this.rejected = Counter.builder("pipeline.filter.records.rejected")
                .description("records of the filters topic refused: not a filter, or an expression that does not compile")
                .tags(stage).register(registry);
        registry.gauge("pipeline.filter.active", stage, active);
    }

    /** The meters of {@code filter}, registered on first use. */
    PerFilter of(FilterKey filter) {
        return filters.computeIfAbsent(filter, key -> {
            Tags tags = stage.and("filter", key.toString());
            return new PerFilter(
                    Counter.builder("pipeline.filter.evaluated").description("alerts the filter was evaluated on")
                            .tags(tags).register(registry),
                    Counter.builder("pipeline.filter.passed").description("alerts the filter passed")
                            .tags(tags).register(registry),
                    Counter.builder("pipeline.filter.written.bytes").description("bytes written to its topic")
                            .baseUnit("bytes").tags(tags).register(registry),
                    Counter.builder("pipeline.filter.quota.dropped").description("records not written: over the "
                            + "filter's daily quota").tags(tags).register(registry),
                    Counter.builder("pipeline.filter.errors").description("alerts the filter failed on at run time")
                            .tags(tags).register(registry),
                    Timer.builder("pipeline.filter.evaluation").description("time to evaluate the filter on an alert")
                            .tags(tags).register(registry));
        });
    }

    void evaluated(FilterKey filter, long nanos) {
        PerFilter meters = of(filter);
        meters.evaluated().increment();
        meters.evaluation().record(nanos, TimeUnit.NANOSECONDS);
    }

    void rejectedRecord() {
        rejected.increment();
    }

    void active(int count) {
        active.set(count);
    }

    /** Drops the meters of a deleted filter. */
    void remove(FilterKey filter) {
        PerFilter meters = filters.remove(filter);
        if (meters != null) {
            meters.all().forEach(registry::remove);
        }
    }

    double rejectedRecords() {
        return rejected.count();
    }
}
