package uk.ac.lsst.pipeline.alert;

import java.util.List;
import org.apache.avro.generic.GenericRecord;

/**
 * Lenient field access on decoded records whose schema varies by survey and version: a field that the schema
 * lacks, a null value and a value of an unexpected type all read as "absent". Where several names are given they
 * are tried in order (current name first, older names after). A null record reads as a record without fields.
 * Stateless and thread-safe.
 */
public final class Records {
    private Records() {
    }

    /** True when the record's schema has the field. */
    public static boolean has(GenericRecord record, String field) {
        return record != null && record.getSchema().getField(field) != null;
    }

    /** The value, or null when the record is null, lacks the field, or holds null. */
    public static Object value(GenericRecord record, String field) {
        return has(record, field) ? record.get(field) : null;
    }

    /** The nested record, or null. */
    public static GenericRecord record(GenericRecord record, String field) {
        return value(record, field) instanceof GenericRecord nested ? nested : null;
    }

    /** The first present numeric value as a double, or NaN. */
    public static double number(GenericRecord record, String... fields) {
        for (String field : fields) {
            if (value(record, field) instanceof Number n) {
                return n.doubleValue();
            }
        }
        return Double.NaN;
    }

    /** The first present int or long value, or null. */
    public static Long integer(GenericRecord record, String... fields) {
        for (String field : fields) {
            Object value = value(record, field);
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
        }
        return null;
    }

    /** The list held by the field (an Avro array), or an empty list when it is absent or null. */
    public static List<?> list(GenericRecord record, String field) {
        return value(record, field) instanceof List<?> list ? list : List.of();
    }

    /** The first present string value, or null. */
    public static String text(GenericRecord record, String... fields) {
        for (String field : fields) {
            if (value(record, field) instanceof CharSequence s) {
                return s.toString();
            }
        }
        return null;
    }
}
