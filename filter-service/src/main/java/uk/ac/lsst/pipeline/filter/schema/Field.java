package uk.ac.lsst.pipeline.filter.schema;

import java.util.Objects;

/**
 * One field of the annotated record: its name (the JSON name and the CEL name alike), its type, a one-line
 * description with units, and whether every record must carry it (a record without a required field is refused;
 * any other field may be absent or null and then takes its {@link FieldType#whenMissing() missing value}). Immutable.
 */
public record Field(String name, FieldType type, String description, boolean required) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** An optional field. */
    public Field(String name, FieldType type, String description) {
        this(name, type, description, false);
    }
}
