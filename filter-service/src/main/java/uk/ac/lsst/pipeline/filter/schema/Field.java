package uk.ac.lsst.pipeline.filter.schema;

import java.util.Objects;

/**
 * One field of the annotated record: its name (the JSON name and the CEL name alike), its type and a one-line
 * description with units. Immutable.
 */
public record Field(String name, FieldType type, String description) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }
}
