package uk.ac.lsst.pipeline.filter.stage;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.StoreBuilder;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;

/** Builds the {@link FilterStore} for Kafka Streams: never logged (the filters topic is its source), never cached. */
final class FilterStoreBuilder implements StoreBuilder<FilterStore> {
    private final FilterCompiler compiler;
    private final Supplier<FilterTopicCreator> topics;

    FilterStoreBuilder(FilterCompiler compiler, Supplier<FilterTopicCreator> topics) {
        this.compiler = compiler;
        this.topics = topics;
    }

    @Override
    public StoreBuilder<FilterStore> withCachingEnabled() {
        throw new UnsupportedOperationException("the filters store has no cache");
    }

    @Override
    public StoreBuilder<FilterStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<FilterStore> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException("the filters store is a global store read from its topic");
    }

    @Override
    public StoreBuilder<FilterStore> withLoggingDisabled() {
        return this;
    }

    @Override
    public FilterStore build() {
        return new FilterStore(compiler, topics.get());
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return FilterStore.NAME;
    }
}
