package uk.ac.lsst.pipeline.filter.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;
import uk.ac.lsst.pipeline.filter.schema.Field;

/**
 * Reads annotated records (UTF-8 JSON objects, fields as in {@link AnnotatedRecordSchema}). Fields the schema does not
 * declare are kept in the tree (and so in the output) but are invisible to filters; {@code history} is never bound.
 * A record must carry the {@link Field#required() required} fields ({@code survey}, {@code alertId},
 * {@code objectId}); every other field may be absent or
 * {@code null} and then takes its missing value ({@link uk.ac.lsst.pipeline.filter.schema.FieldType#whenMissing()}).
 * A field of the wrong JSON type makes the whole record unreadable rather than silently missing. Thread-safe.
 */
public final class AnnotatedRecordReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());

    private AnnotatedRecordReader() {
    }

    /**
     * @param bytes one record value from {@code annotated-alerts}
     * @throws AnnotatedRecordException naming the field that was wrong and what was expected
     */
    public static AnnotatedRecord read(byte[] bytes) throws AnnotatedRecordException {
        if (bytes == null) {
            throw new AnnotatedRecordException("annotated record has no value (null)");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new AnnotatedRecordException("annotated record is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new AnnotatedRecordException("annotated record cannot be read: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new AnnotatedRecordException("annotated record is not a JSON object");
        }
        for (Field field : AnnotatedRecordSchema.RECORD.fields()) {
            if (field.required()) {
                requirePresent(json, field);
            }
        }
        Map<String, Object> fields = FieldValues.struct(AnnotatedRecordSchema.RECORD, json, "");
        return new AnnotatedRecord(bytes, json, new FilterVariables(fields), (Long) fields.get("alertId"),
                (String) fields.get("objectId"));
    }

    private static void requirePresent(JsonNode json, Field field) throws AnnotatedRecordException {
        JsonNode node = json.get(field.name());
        if (node == null || node.isNull()) {
            throw new AnnotatedRecordException("annotated record without " + field.name() + " (required; expected "
                    + field.type().displayName() + ")");
        }
    }
}
