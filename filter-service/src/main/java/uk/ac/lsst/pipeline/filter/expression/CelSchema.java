package uk.ac.lsst.pipeline.filter.expression;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.ac.lsst.pipeline.filter.schema.Field;
import uk.ac.lsst.pipeline.filter.schema.FieldType;
import uk.ac.lsst.pipeline.filter.schema.StructSchema;

/**
 * The CEL types of {@link uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema}: one {@link StructType} per
 * {@link StructSchema} (no protobuf), so that the type checker refuses unknown fields and wrong types. Immutable,
 * thread-safe.
 */
final class CelSchema implements CelTypeProvider {
    private final Map<String, StructType> structs = new LinkedHashMap<>();

    /** The types reachable from {@code root}'s fields. */
    CelSchema(StructSchema root) {
        root.fields().forEach(f -> celType(f.type()));
    }

    /** The CEL type of a field type, registering the struct types it uses. */
    CelType celType(FieldType type) {
        if (type instanceof FieldType.Scalar scalar) {
            return switch (scalar) {
                case BOOL -> SimpleType.BOOL;
                case INT -> SimpleType.INT;
                case NULLABLE_INT -> NullableType.create(SimpleType.INT);
                case DOUBLE -> SimpleType.DOUBLE;
                case STRING -> SimpleType.STRING;
                case NULLABLE_STRING -> NullableType.create(SimpleType.STRING);
            };
        }
        if (type instanceof FieldType.Struct struct) {
            return structType(struct.schema());
        }
        if (type instanceof FieldType.ListOf list) {
            return ListType.create(structType(list.element()));
        }
        return MapType.create(SimpleType.STRING, SimpleType.DYN);
    }

    private StructType structType(StructSchema schema) {
        StructType known = structs.get(schema.name());
        if (known != null) {
            return known;
        }
        Map<String, CelType> fieldTypes = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            fieldTypes.put(f.name(), celType(f.type()));
        }
        StructType type = StructType.create(schema.name(), ImmutableSet.copyOf(fieldTypes.keySet()),
                name -> Optional.ofNullable(fieldTypes.get(name)));
        structs.put(schema.name(), type);
        return type;
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(structs.get(typeName));
    }
}
