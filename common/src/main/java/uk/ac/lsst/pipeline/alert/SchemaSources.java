package uk.ac.lsst.pipeline.alert;

import java.util.List;
import org.apache.avro.Schema;

/** Ready-made and combined {@link SchemaSource}s. */
public final class SchemaSources {
    private SchemaSources() {
    }

    /** A source that knows no schema: every id is {@link DecodeFailure#UNKNOWN_SCHEMA} (for OCF-only input). */
    public static SchemaSource none() {
        return schemaId -> {
            throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA,
                    "schema id " + schemaId + ": no schema source configured (OCF input only)");
        };
    }

    /**
     * Asks each source in turn and returns the first schema found. When none has it: SCHEMA_UNAVAILABLE if any
     * source could not be asked (the id may exist there), else UNKNOWN_SCHEMA. Thread-safe when the sources are.
     */
    public static SchemaSource firstOf(SchemaSource... sources) {
        List<SchemaSource> ordered = List.of(sources);
        if (ordered.isEmpty()) {
            throw new IllegalArgumentException("firstOf needs at least one schema source");
        }
        return schemaId -> firstSchema(ordered, schemaId);
    }

    private static Schema firstSchema(List<SchemaSource> sources, int schemaId) throws AlertDecodeException {
        AlertDecodeException unavailable = null;
        for (SchemaSource source : sources) {
            try {
                Schema schema = source.schema(schemaId);
                if (schema != null) {
                    return schema;
                }
            } catch (AlertDecodeException e) {
                if (e.failure() != DecodeFailure.UNKNOWN_SCHEMA && unavailable == null) {
                    unavailable = e;
                }
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA,
                "schema id " + schemaId + " is known to none of " + sources.size() + " schema sources");
    }
}
