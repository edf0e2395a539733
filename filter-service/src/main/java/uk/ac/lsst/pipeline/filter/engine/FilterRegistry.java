package uk.ac.lsst.pipeline.filter.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.ac.lsst.pipeline.filter.definition.FilterChange;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.expression.CompiledFilter;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;

/**
 * The active filters, fed by the records of the filters topic in order. A definition is compiled when it arrives; one
 * whose expression does not compile is {@link RegistryUpdate.Result#REJECTED} and leaves its filter inactive, even if
 * an earlier definition of the same filter compiled: the registry always follows the latest record of each key, so
 * that it is the same after a restart, when the compacted topic holds only that latest record.
 *
 * <p>Thread-safe: changes are applied one at a time, in the order they take the registry's lock (compilation
 * included), and {@link #filters()} returns an immutable snapshot that evaluation can iterate while changes arrive
 * (copy on write: a change costs O(number of filters), evaluation costs nothing extra). Feed it from one thread, in
 * the topic's order.
 */
public final class FilterRegistry {
    private final FilterCompiler compiler;
    private final Object lock = new Object();
    private final Map<FilterKey, ActiveFilter> byKey = new LinkedHashMap<>();
    private volatile List<ActiveFilter> snapshot = List.of();

    public FilterRegistry(FilterCompiler compiler) {
        this.compiler = compiler;
    }

    /** Applies one record of the filters topic. */
    public RegistryUpdate apply(FilterChange change) {
        if (change instanceof FilterChange.Upsert upsert) {
            return register(upsert.definition());
        }
        return delete(change.key());
    }

    /** Compiles and activates {@code definition}, replacing the filter of the same key. */
    public RegistryUpdate register(FilterDefinition definition) {
        FilterKey key = definition.key();
        synchronized (lock) {
            CompiledFilter compiled;
            try {
                compiled = compiler.compile(definition.expression());
            } catch (ExpressionException e) {
                if (byKey.remove(key) != null) {
                    publish();
                }
                return new RegistryUpdate(key, RegistryUpdate.Result.REJECTED, e.getMessage());
            }
            ActiveFilter previous = byKey.put(key, new ActiveFilter(definition, compiled));
            publish();
            return new RegistryUpdate(key, previous == null ? RegistryUpdate.Result.ADDED
                    : RegistryUpdate.Result.REPLACED, null);
        }
    }

    /** Deactivates the filter {@code key}. */
    public RegistryUpdate delete(FilterKey key) {
        synchronized (lock) {
            if (byKey.remove(key) == null) {
                return new RegistryUpdate(key, RegistryUpdate.Result.ABSENT, null);
            }
            publish();
            return new RegistryUpdate(key, RegistryUpdate.Result.DELETED, null);
        }
    }

    /** The active filters, in order of first registration; an immutable snapshot. */
    public List<ActiveFilter> filters() {
        return snapshot;
    }

    public Optional<ActiveFilter> filter(FilterKey key) {
        synchronized (lock) {
            return Optional.ofNullable(byKey.get(key));
        }
    }

    public int size() {
        return snapshot.size();
    }

    private void publish() {
        snapshot = Collections.unmodifiableList(new ArrayList<>(byKey.values()));
    }
}
