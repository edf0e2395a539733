package uk.ac.lsst.pipeline.filter.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Documentation of {@link AnnotatedRecordSchema} as a Markdown table: one row per field with its CEL name (dotted
 * path; {@code []} marks a list element), type, value when missing ("required" for the fields every record
 * carries), and description. Sibling fields of the same struct type (the per-band features) share one set of rows,
 * named {@code features.{u,g,r,i,z,y}}. The history, which filters do not see, has no value when missing. Stateless.
 */
public final class SchemaTable {

    private SchemaTable() {
    }

    /** The table of every field of the annotated record, the output-only history included. */
    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Field | Type | When missing | Description |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (Row row : rows()) {
            out.append("| `").append(row.path()).append("` | ").append(row.type()).append(" | ")
                    .append(row.whenMissing()).append(" | ").append(row.description()).append(" |\n");
        }
        return out.toString();
    }

    /** The rows of {@link #markdown()}, in order. */
    public static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        addFields(rows, "", AnnotatedRecordSchema.RECORD.fields(), true);
        addField(rows, "", AnnotatedRecordSchema.HISTORY, AnnotatedRecordSchema.HISTORY.name(), false);
        return rows;
    }

    /** One documented field. */
    public record Row(String path, String type, String whenMissing, String description) {
    }

    private static void addFields(List<Row> rows, String prefix, List<Field> fields, boolean visible) {
        int i = 0;
        while (i < fields.size()) {
            Field first = fields.get(i);
            int end = i + 1;
            while (end < fields.size() && first.type() instanceof FieldType.Struct
                    && fields.get(end).type().equals(first.type())) {
                end++;
            }
            if (end - i == 1) {
                addField(rows, prefix, first, first.name(), visible);
            } else {
                List<String> names = fields.subList(i, end).stream().map(Field::name).toList();
                String group = "{" + String.join(",", names) + "}";
                Field shared = new Field(group, first.type(), "features in each band: " + first.type().displayName());
                addField(rows, prefix, shared, group, visible);
            }
            i = end;
        }
    }

    private static void addField(List<Row> rows, String prefix, Field field, String name, boolean visible) {
        String path = prefix + name;
        FieldType type = field.type();
        String whenMissing = !visible ? "-" : field.required() ? "required" : type.whenMissing();
        rows.add(new Row(path, type.displayName(), whenMissing, field.description()));
        if (type instanceof FieldType.Struct struct) {
            addFields(rows, path + ".", struct.schema().fields(), visible);
        } else if (type instanceof FieldType.ListOf list) {
            addFields(rows, path + "[].", list.element().fields(), visible);
        }
    }
}
