package uk.ac.lsst.pipeline.filter.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.ac.lsst.pipeline.filter.schema.Field;
import uk.ac.lsst.pipeline.filter.schema.FieldType;
import uk.ac.lsst.pipeline.filter.schema.StructSchema;

/**
 * Turns the JSON of the annotated record into the values CEL evaluates, field by field as {@link StructSchema}
 * declares them: double to {@link Double} (JSON {@code null} or absent: NaN), int to {@link Long} (absent: 0), string
 * to {@link String} (absent: empty), bool to {@link Boolean} (absent: false), nullable fields to
 * {@link #NULL}, structs to a {@code Map<String, Object>} holding every declared field (absent struct: every field
 * missing), lists to {@code List<Map<String, Object>>} and catalogue columns to a {@code Map<String, Object>} of
 * Double, String or Boolean (JSON {@code null}: NaN). Stateless.
 */
final class FieldValues {

    /** The value CEL's runtime takes for {@code null}. */
    static final Object NULL = com.google.protobuf.NullValue.NULL_VALUE;

    /** Whole doubles up to this magnitude are accepted where an int is expected (beyond it a double is not exact). */
    private static final double MAX_EXACT_WHOLE = 9.007199254740992E15;

    private FieldValues() {
    }

    /** Every field of {@code schema} read from {@code node} (an object, or null/missing for "all missing"). */
    static Map<String, Object> struct(StructSchema schema, JsonNode node, String path) throws AnnotatedRecordException {
        boolean absent = node == null || node.isNull() || node.isMissingNode();
        if (!absent && !node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        Map<String, Object> values = new HashMap<>(schema.fields().size() * 2);
        for (Field field : schema.fields()) {
            JsonNode child = absent ? null : node.get(field.name());
            values.put(field.name(), value(field.type(), child, path.isEmpty() ? field.name() : path + "." + field.name()));
        }
        return values;
    }

    /** The value of one field; {@code node} is null when the field is absent. */
    static Object value(FieldType type, JsonNode node, String path) throws AnnotatedRecordException {
        boolean missing = node == null || node.isNull();
        if (type instanceof FieldType.Scalar scalar) {
            return missing ? missingScalar(scalar) : scalar(scalar, node, path);
        }
        if (type instanceof FieldType.Struct struct) {
            return struct(struct.schema(), node, path);
        }
        if (type instanceof FieldType.ListOf list) {
            return missing ? List.of() : list(list.element(), node, path);
        }
        return missing ? Map.of() : columns(node, path);
    }

    private static Object missingScalar(FieldType.Scalar scalar) {
        return switch (scalar) {
            case BOOL -> Boolean.FALSE;
            case INT -> 0L;
            case DOUBLE -> Double.NaN;
            case STRING -> "";
            case NULLABLE_INT, NULLABLE_STRING -> NULL;
        };
    }

    private static Object scalar(FieldType.Scalar scalar, JsonNode node, String path) throws AnnotatedRecordException {
        return switch (scalar) {
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw wrongType(path, "true, false or null", node);
                }
                yield node.booleanValue();
            }
            case INT, NULLABLE_INT -> integer(node, path);
            case DOUBLE -> {
                if (!node.isNumber()) {
                    throw wrongType(path, "a number or null", node);
                }
                yield node.doubleValue();
            }
            case STRING, NULLABLE_STRING -> {
                if (!node.isTextual()) {
                    throw wrongType(path, "a string", node);
                }
                yield node.textValue();
            }
        };
    }

    /** An integral JSON number, or a whole floating-point one small enough to be exact. */
    static long integer(JsonNode node, String path) throws AnnotatedRecordException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isFloatingPointNumber()) {
            double d = node.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_WHOLE) {
                return (long) d;
            }
        }
        throw wrongType(path, "an integer (64-bit)", node);
    }

    private static List<Object> list(StructSchema element, JsonNode node, String path) throws AnnotatedRecordException {
        if (!node.isArray()) {
            throw wrongType(path, "an array", node);
        }
        List<Object> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = path + "[" + i + "]";
            if (!item.isObject()) {
                throw wrongType(itemPath, "an object", item);
            }
            values.add(struct(element, item, itemPath));
        }
        return values;
    }

    private static Map<String, Object> columns(JsonNode node, String path) throws AnnotatedRecordException {
        if (!node.isObject()) {
            throw wrongType(path, "an object", node);
        }
        Map<String, Object> values = new HashMap<>(node.size() * 2);
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode v = entry.getValue();
            Object value;
            if (v.isNull()) {
                value = Double.NaN;
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isTextual()) {
                value = v.textValue();
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else {
                throw wrongType(path + "." + entry.getKey(), "a number, string, bool or null", v);
            }
            values.put(entry.getKey(), value);
        }
        return values;
    }

    static AnnotatedRecordException wrongType(String path, String expected, JsonNode found) {
        String text = found.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return new AnnotatedRecordException("field " + path + ": expected " + expected + ", found "
                + found.getNodeType().name().toLowerCase(Locale.ROOT) + " " + text);
    }
}
