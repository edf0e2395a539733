package uk.ac.lsst.pipeline.filter.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ac.lsst.pipeline.filter.AnnotatedSamples;
import uk.ac.lsst.pipeline.filter.AnnotatedSamples.Sample;
import uk.ac.lsst.pipeline.filter.TestRecords;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;
import uk.ac.lsst.pipeline.filter.schema.Field;
import uk.ac.lsst.pipeline.filter.schema.FieldType;
import uk.ac.lsst.pipeline.filter.schema.StructSchema;

/**
 * The JSON contract between features-service, which writes the annotated records, and filter-service, which reads
 * them, checked on the record of every real sample alert: every field the filter schema declares is written (a
 * renamed field would otherwise be silently missing for every filter) with a JSON value of its declared type; every
 * field written is declared (or is the history); each record is readable, and what a filter sees of each field is
 * what features-service computed.
 */
class AnnotatedRecordContractTest {
    private static final List<Sample> SAMPLES = AnnotatedSamples.all();

    static Stream<Named<Sample>> samples() {
        return SAMPLES.stream().map(s -> Named.of(s.file(), s));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldWriteExactlyTheDeclaredFieldsEachWithItsDeclaredJsonType(Sample sample) throws IOException {
        JsonNode json = TestRecords.MAPPER.readTree(sample.json());
        List<String> problems = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();

        checkStruct(AnnotatedRecordSchema.RECORD, json, "", problems);
        checkField(AnnotatedRecordSchema.HISTORY, json, "", problems);
        undeclared(AnnotatedRecordSchema.RECORD, json, "", undeclared);
        undeclared.remove(AnnotatedRecordSchema.HISTORY_FIELD);

        assertThat(problems).isEmpty();
        assertThat(undeclared).as("written but invisible to filters").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void shouldBindEveryFieldWithTheValueFeaturesServiceComputed(Sample sample) throws AnnotatedRecordException {
        AnnotatedRecord record = AnnotatedRecordReader.read(sample.json());

        assertThat(record.alertId()).isEqualTo(sample.alert().alertId());
        assertThat(record.objectId()).isEqualTo(sample.alert().objectId());
        assertThat(record.variables().get(AnnotatedRecordSchema.HISTORY_FIELD)).isNull();
        List<String> problems = new ArrayList<>();
        for (Field field : AnnotatedRecordSchema.RECORD.fields()) {
            compare(field.type(), record.variables().get(field.name()), component(sample.alert(), field.name()),
                    field.name(), problems);
        }
        assertThat(problems).isEmpty();
    }

    /** Without this the tests above could pass on records that lack the values worth checking. */
    @Test
    void theSamplesShouldHoldEveryKindOfValueTheSchemaDeclares() {
        assertThat(SAMPLES).hasSizeGreaterThan(80);
        assertThat(SAMPLES).extracting(s -> s.alert().survey()).contains("ZTF", "RUBIN");
        assertThat(SAMPLES).anyMatch(s -> s.alert().objectIdNumber() != null)
                .anyMatch(s -> s.alert().survey().equals("RUBIN") && s.alert().objectIdNumber() == null)
                .anyMatch(s -> !s.alert().matches().isEmpty() && !s.alert().matches().get(0).columns().isEmpty())
                .anyMatch(s -> !s.alert().watchlists().isEmpty())
                .anyMatch(s -> s.alert().features().nDetections() > 1)
                .anyMatch(s -> Double.isNaN(s.alert().magnitude()))
                .anyMatch(s -> Double.isFinite(s.alert().fluxNJy()))
                .anyMatch(s -> !s.alert().history().isEmpty());
    }

    private static void checkStruct(StructSchema schema, JsonNode object, String path, List<String> problems) {
        for (Field field : schema.fields()) {
            checkField(field, object, path, problems);
        }
    }

    private static void checkField(Field field, JsonNode object, String path, List<String> problems) {
        String where = path + field.name();
        if (!object.has(field.name())) {
            problems.add(where + " is not written");
            return;
        }
        JsonNode node = object.get(field.name());
        if (node.isNull()) {
            if (field.required() || !(field.type() instanceof FieldType.Scalar)) {
                problems.add(where + " is null");
            }
            return;
        }
        FieldType type = field.type();
        if (type instanceof FieldType.Struct struct) {
            expect(node.isObject(), where, "an object", node, problems);
            if (node.isObject()) {
                checkStruct(struct.schema(), node, where + ".", problems);
            }
        } else if (type instanceof FieldType.ListOf list) {
            expect(node.isArray(), where, "an array", node, problems);
            for (int i = 0; i < node.size(); i++) {
                checkStruct(list.element(), node.get(i), where + "[" + i + "].", problems);
            }
        } else if (type instanceof FieldType.ColumnMap) {
            node.properties().forEach(column -> expect(column.getValue().isValueNode(),
                    where + "." + column.getKey(), "a number, string, bool or null", column.getValue(), problems));
        } else {
            checkScalar((FieldType.Scalar) type, node, where, problems);
        }
    }

    private static void checkScalar(FieldType.Scalar scalar, JsonNode node, String where, List<String> problems) {
        switch (scalar) {
            case BOOL -> expect(node.isBoolean(), where, "a bool", node, problems);
            case INT, NULLABLE_INT -> expect(node.isIntegralNumber() && node.canConvertToLong(), where,
                    "a 64-bit integer", node, problems);
            case DOUBLE -> expect(node.isNumber(), where, "a number", node, problems);
            case STRING, NULLABLE_STRING -> expect(node.isTextual(), where, "a string", node, problems);
            default -> throw new IllegalStateException(scalar.toString());
        }
    }

    private static void expect(boolean ok, String where, String expected, JsonNode found, List<String> problems) {
        if (!ok) {
            problems.add(where + ": expected " + expected + ", found " + found);
        }
    }

    private static void undeclared(StructSchema schema, JsonNode object, String path, List<String> undeclared) {
        Map<String, Field> fields = schema.fieldsByName();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Field field = fields.get(name);
            JsonNode node = object.get(name);
            if (field == null) {
                undeclared.add(path + name);
            } else if (field.type() instanceof FieldType.Struct struct && node.isObject()) {
                undeclared(struct.schema(), node, path + name + ".", undeclared);
            } else if (field.type() instanceof FieldType.ListOf list && node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    undeclared(list.element(), node.get(i), path + name + "[" + i + "].", undeclared);
                }
            }
        }
    }

    /**
     * Compares what a filter sees of one field ({@code bound}, as {@link AnnotatedRecordReader} binds it) with the
     * value features-service computed ({@code written}: a component of its records, whose names are the JSON names).
     */
    private static void compare(FieldType type, Object bound, Object written, String path, List<String> problems) {
        if (type instanceof FieldType.Struct struct) {
            if (!(bound instanceof Map<?, ?> map) || !map.keySet().equals(struct.schema().fieldsByName().keySet())) {
                problems.add(path + ": expected a map of the fields of " + struct.schema().name() + ", bound " + bound);
                return;
            }
            for (Field field : struct.schema().fields()) {
                compare(field.type(), map.get(field.name()), component(written, field.name()),
                        path + "." + field.name(), problems);
            }
        } else if (type instanceof FieldType.ListOf list) {
            List<?> items = (List<?>) written;
            if (!(bound instanceof List<?> boundItems) || boundItems.size() != items.size()) {
                problems.add(path + ": expected a list of " + items.size() + ", bound " + bound);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                compare(new FieldType.Struct(list.element()), boundItems.get(i), items.get(i), path + "[" + i + "]",
                        problems);
            }
        } else if (type instanceof FieldType.ColumnMap) {
            Map<?, ?> columns = (Map<?, ?>) written;
            if (!(bound instanceof Map<?, ?> boundColumns) || !boundColumns.keySet().equals(columns.keySet())) {
                problems.add(path + ": expected the columns " + columns.keySet() + ", bound " + bound);
                return;
            }
            // a column's number is a double to a filter, whatever the catalogue's type; null is NaN
            columns.forEach((name, value) -> compareScalar(value == null ? Double.NaN
                    : value instanceof Number n ? n.doubleValue() : value, boundColumns.get(name),
                    path + "." + name, problems));
        } else {
            compareScalar(written == null ? FieldValues.NULL : written, bound, path, problems);
        }
    }

    /** Numbers compare by value (features-service writes ints and longs; filters see longs and doubles). */
    private static void compareScalar(Object expected, Object bound, String path, List<String> problems) {
        boolean same = expected instanceof Number e && bound instanceof Number b
                ? (e instanceof Double
                        ? b instanceof Double && Double.compare(e.doubleValue(), b.doubleValue()) == 0
                        : b instanceof Long && e.longValue() == b.longValue())
                : Objects.equals(expected, bound);
        if (!same) {
            problems.add(path + ": features-service wrote " + expected + ", a filter sees " + bound
                    + (bound == null ? "" : " (" + bound.getClass().getSimpleName() + ")"));
        }
    }

    /** The component {@code name} of record {@code owner}. */
    private static Object component(Object owner, String name) {
        for (RecordComponent c : owner.getClass().getRecordComponents()) {
            if (c.getName().equals(name)) {
                try {
                    return c.getAccessor().invoke(owner);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError(owner.getClass().getSimpleName() + " has no component " + name
                + " for the declared field of that name");
    }
}
