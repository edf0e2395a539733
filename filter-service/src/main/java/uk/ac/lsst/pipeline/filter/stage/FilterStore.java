package uk.ac.lsst.pipeline.filter.stage;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import uk.ac.lsst.pipeline.filter.engine.FilterRegistry;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;

/**
 * The global state store of filter-service: every filter of the compacted filters topic, compiled, in a
 * {@link FilterRegistry}. Kafka Streams feeds it on its global thread ({@link ApplyFilterRecord}), re-reading the
 * whole topic at start-up before any stream thread runs (nothing is persisted), then applying changes as they come;
 * stream threads read the registry's immutable snapshot, lock-free.
 */
final class FilterStore implements StateStore {
    static final String NAME = "filters-store";

    private final FilterRegistry registry;
    private final FilterTopicCreator topics;
    private volatile boolean open;

    FilterStore(FilterCompiler compiler, FilterTopicCreator topics) {
        this.registry = new FilterRegistry(compiler);
        this.topics = topics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open = true;
        // Records are applied by ApplyFilterRecord (also while Kafka Streams restores the store), not here.
        context.register(root, (key, value) -> {
        });
    }

    /** The active filters. */
    FilterRegistry registry() {
        return registry;
    }

    /** Creates the topics of registered filters (global thread only). */
    FilterTopicCreator topics() {
        return topics;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        open = false;
        topics.close();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
