package uk.ac.lsst.pipeline.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Names of the top-level cutout fields, and the reader schema that leaves them out. Both surveys use the same
 * names: {@code cutoutScience}, {@code cutoutTemplate}, {@code cutoutDifference}. Stateless.
 */
final class CutoutFields {
    private CutoutFields() {
    }

    /** The top-level field holding the stamp of the given kind. */
    static String fieldName(CutoutKind kind) {
        return switch (kind) {
            case SCIENCE -> "cutoutScience";
            case TEMPLATE -> "cutoutTemplate";
            case DIFFERENCE -> "cutoutDifference";
        };
    }

    static boolean isCutoutField(String name) {
        for (CutoutKind kind : CutoutKind.values()) {
            if (fieldName(kind).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The writer schema minus its top-level cutout fields, as a reader schema: Avro schema resolution then skips
     * the cutout bytes instead of copying them. Same full name, properties and nested types as the writer schema.
     *
     * @return {@code writer} itself when it is not a record or has no cutout field
     */
    static Schema withoutCutouts(Schema writer) {
        if (writer.getType() != Schema.Type.RECORD
                || writer.getFields().stream().noneMatch(f -> isCutoutField(f.name()))) {
            return writer;
        }
        List<Schema.Field> kept = new ArrayList<>();
        for (Schema.Field field : writer.getFields()) {
            if (!isCutoutField(field.name())) {
                kept.add(new Schema.Field(field, field.schema()));
            }
        }
        Schema projection = Schema.createRecord(writer.getName(), writer.getDoc(), writer.getNamespace(),
                writer.isError(), kept);
        for (Map.Entry<String, Object> prop : writer.getObjectProps().entrySet()) {
            projection.addProp(prop.getKey(), prop.getValue());
        }
        writer.getAliases().forEach(projection::addAlias);
        return projection;
    }
}
