package uk.ac.lsst.pipeline.filter.record;

import dev.cel.runtime.CelVariableResolver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables of one alert as CEL evaluates them (its activation): every top-level field of
 * {@link uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema#RECORD}, history excluded. Built once per alert and
 * shared by every filter evaluated on it; a lookup allocates nothing. Immutable, thread-safe.
 */
public final class FilterVariables implements CelVariableResolver {
    private final Map<String, Optional<Object>> values;

    FilterVariables(Map<String, Object> fields) {
        Map<String, Optional<Object>> wrapped = new HashMap<>(fields.size() * 2);
        fields.forEach((name, value) -> wrapped.put(name, Optional.of(value)));
        this.values = wrapped;
    }

    @Override
    public Optional<Object> find(String name) {
        return values.getOrDefault(name, Optional.empty());
    }

    /** The value of a top-level field as CEL sees it (NaN for a missing double), or null for an undeclared name. */
    public Object get(String name) {
        return values.getOrDefault(name, Optional.empty()).orElse(null);
    }
}
