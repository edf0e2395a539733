package uk.ac.lsst.pipeline.filter.stage;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.filter.definition.FilterChange;
import uk.ac.lsst.pipeline.filter.definition.FilterRecordException;
import uk.ac.lsst.pipeline.filter.definition.FilterRecords;
import uk.ac.lsst.pipeline.filter.engine.RegistryUpdate;

/**
 * The global processor that feeds the {@link FilterStore} from the filters topic, on Kafka Streams' global thread:
 * each definition is compiled and activated (its topic created first, so that the stream threads can write to it),
 * replaced or deleted. A record that is not a valid filter, or whose expression does not compile, is logged with its
 * offset and counted, never fatal. Not thread-safe (global thread only).
 */
final class ApplyFilterRecord implements Processor<byte[], byte[], Void, Void> {
    private static final Logger log = LoggerFactory.getLogger(ApplyFilterRecord.class);

    private final FilterMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private FilterStore store;

    ApplyFilterRecord(FilterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(FilterStore.NAME);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        FilterChange change;
        try {
            change = FilterRecords.parse(record.key(), record.value());
        } catch (FilterRecordException e) {
            metrics.rejectedRecord();
            log.warn("ignored the filters record {}: {}", where(), e.getMessage());
            return;
        }
        if (change instanceof FilterChange.Upsert upsert) {
            store.topics().ensure(upsert.definition().topic());
        }
        RegistryUpdate update = store.registry().apply(change);
        switch (update.result()) {
            case REJECTED -> {
                metrics.rejectedRecord();
                log.warn("filter {} of the filters record {} does not compile and is inactive: {}", update.key(),
                        where(), update.reason());
            }
            case DELETED -> metrics.remove(update.key());
            case ADDED, REPLACED -> log.info("filter {} {}", update.key(),
                    update.result() == RegistryUpdate.Result.ADDED ? "registered" : "replaced");
            case ABSENT -> {
            }
            default -> throw new IllegalStateException(update.result().toString());
        }
        metrics.active(store.registry().size());
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("?");
    }
}
