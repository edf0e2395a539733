package uk.ac.lsst.pipeline.filter.schema;

/**
 * The type of one field of the annotated record, as filters see it. A closed set: the CEL declarations, the JSON
 * reading and the generated documentation each switch over it. Immutable.
 */
public sealed interface FieldType permits FieldType.Scalar, FieldType.Struct, FieldType.ListOf, FieldType.ColumnMap {

    /** The name shown to users (documentation and error messages), e.g. {@code double}, {@code list of Match}. */
    String displayName();

    /** What a filter sees when the field is absent or JSON {@code null}. */
    String whenMissing();

    /** Values that are single JSON scalars. */
    enum Scalar implements FieldType {
        /** {@code true}/{@code false}; missing is {@code false}. */
        BOOL("bool", "false"),
        /** A signed 64-bit integer (counts, ids, epoch milliseconds); missing is 0. */
        INT("int", "0"),
        /** A signed 64-bit integer that may be {@code null}. */
        NULLABLE_INT("int or null", "null"),
        /** A double; missing (JSON {@code null}, written for NaN) is NaN: see {@code MissingNumbers}. */
        DOUBLE("double", "NaN: comparisons false"),
        /** A string; missing is the empty string. */
        STRING("string", "\"\""),
        /** A string that may be {@code null}. */
        NULLABLE_STRING("string or null", "null");

        private final String displayName;
        private final String whenMissing;

        Scalar(String displayName, String whenMissing) {
            this.displayName = displayName;
            this.whenMissing = whenMissing;
        }

        @Override
        public String displayName() {
            return displayName;
        }

        @Override
        public String whenMissing() {
            return whenMissing;
        }
    }

    /** A JSON object with the fields of {@code schema}. */
    record Struct(StructSchema schema) implements FieldType {
        @Override
        public String displayName() {
            return schema.name();
        }

        @Override
        public String whenMissing() {
            return "every field missing";
        }
    }

    /** A JSON array of objects with the fields of {@code element}. */
    record ListOf(StructSchema element) implements FieldType {
        @Override
        public String displayName() {
            return "list of " + element.name();
        }

        @Override
        public String whenMissing() {
            return "empty list";
        }
    }

    /**
     * A JSON object of catalogue columns: name to number, string, bool or {@code null} (a {@code map(string, dyn)} in
     * CEL). Numbers are doubles; {@code null} is NaN.
     */
    record ColumnMap() implements FieldType {
        @Override
        public String displayName() {
            return "map(string, dyn)";
        }

        @Override
        public String whenMissing() {
            return "empty map";
        }
    }
}
