package uk.ac.lsst.pipeline.filter.schema;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A named group of fields (a JSON object; a struct type in CEL). Field order is the documentation order. Immutable.
 *
 * @param name        the type name users see in error messages, e.g. {@code Match}; no dots
 * @param description one line
 * @param fields      at least one, names unique
 */
public record StructSchema(String name, String description, List<Field> fields) {

    public StructSchema {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("struct " + name + " has no fields");
        }
        Set<String> seen = new HashSet<>();
        for (Field f : fields) {
            if (!seen.add(f.name())) {
                throw new IllegalArgumentException("struct " + name + " declares field " + f.name() + " twice");
            }
        }
    }

    /** The field called {@code fieldName}, if declared. */
    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** Fields by name, in declaration order. */
    public Map<String, Field> fieldsByName() {
        Map<String, Field> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return byName;
    }
}
