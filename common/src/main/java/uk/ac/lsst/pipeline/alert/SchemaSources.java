package uk.ac.lsst.pipeline.alert;

import java.util.List;
import org.apache.avro.Schema;

/** Ready-made and combined {@link SchemaSource}s. */
public final class SchemaSources {
    /**
     * Where schemas bundled with the pipeline are looked for on the class path, laid out as a schema directory
     * ({@code rubin-schemas/<major.minor>/lsst.v<major>_<minor>.*.avsc}).
     */
    public static final String BUNDLED = "rubin-schemas";

    private SchemaSources() {
    }

    /**
     * A source that knows no schema: every id is {@link DecodeFailure#UNKNOWN_SCHEMA} (for OCF-only input), with
     * a message that says how to give schemas.
     */
    public static SchemaSource none() {
        return schemaId -> {
            throw new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA, "schema id " + schemaId + ": no schema "
                    + "source configured, so only Avro OCF alerts decode; for Confluent wire-format (Rubin) alerts "
                    + "set SCHEMA_DIR (--schema-dir) to a directory of Rubin schemas laid out as <major.minor>/"
                    + "lsst.v<major>_<minor>.*.avsc (lsst/alert_packet's python/lsst/alert/packet/schema), or "
                    + "SCHEMA_REGISTRY_URL (--schema-registry) to Rubin's schema registry");
        };
    }

    /**
     * The schemas bundled on the class path of this class ({@link #BUNDLED}) when there are any, else
     * {@link #none()}: the source to use when no schema directory or registry is set.
     */
    public static SchemaSource defaults() {
        return defaults(SchemaSources.class.getClassLoader());
    }

    /** The schemas under {@link #BUNDLED} on the class path of {@code loader} when there are any, else none. */
    static SchemaSource defaults(ClassLoader loader) {
        return SchemaDirectory.onClasspath(loader, BUNDLED).<SchemaSource>map(d -> d).orElseGet(SchemaSources::none);
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
