package uk.ac.lsst.pipeline.filter.engine;

import java.util.Objects;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.expression.CompiledFilter;

/**
 * A registered filter: its definition, its compiled expression and its output topic. Immutable, thread-safe.
 */
public record ActiveFilter(FilterDefinition definition, CompiledFilter compiled, String topic) {

    public ActiveFilter {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(compiled, "compiled");
        Objects.requireNonNull(topic, "topic");
    }

    ActiveFilter(FilterDefinition definition, CompiledFilter compiled) {
        this(definition, compiled, definition.topic());
    }

    public FilterKey key() {
        return definition.key();
    }
}
