package uk.ac.lsst.pipeline.filter.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;

/**
 * What the filters that match one alert write to their topics, UTF-8 JSON by {@link OutputLevel}:
 * <ul>
 * <li>{@code ids}: {@code {"alertId", "alertIdString", "objectId", "objectIdNumber", "survey", "mjd",
 * "filter": "<owner>/<name>"}}, values as in the annotated record ({@code null} when absent; {@code alertIdString}
 * from {@code alertId} when absent);</li>
 * <li>{@code record}: the annotated record without {@code history} (every other field as received, including
 * fields this version does not know);</li>
 * <li>{@code full}: the annotated record exactly as received, {@code history} included.</li>
 * </ul>
 * One per alert: the {@code record} bytes are made once, on first use, and shared by every filter that asks for them.
 * Not thread-safe (confine to the thread that processes the alert).
 */
public final class AlertOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AnnotatedRecord record;
    private byte[] withoutHistory;

    public AlertOutput(AnnotatedRecord record) {
        this.record = record;
    }

    /** The value to write to the topic of {@code filter}, which has level {@code level}. */
    public byte[] value(OutputLevel level, FilterKey filter) {
        return switch (level) {
            case IDS -> ids(filter);
            case RECORD -> withoutHistory();
            case FULL -> record.bytes();
        };
    }

    private byte[] ids(FilterKey filter) {
        JsonNode json = record.json();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            copy(g, json, "alertId");
            JsonNode idString = json.get("alertIdString");
            if (idString == null || idString.isNull()) {
                g.writeStringField("alertIdString", Long.toString(record.alertId()));
            } else {
                copy(g, json, "alertIdString");
            }
            copy(g, json, "objectId");
            copy(g, json, "objectIdNumber");
            copy(g, json, "survey");
            copy(g, json, "mjd");
            g.writeStringField("filter", filter.toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void copy(JsonGenerator g, JsonNode json, String field) throws IOException {
        g.writeFieldName(field);
        JsonNode value = json.get(field);
        if (value == null) {
            g.writeNull();
        } else {
            MAPPER.writeTree(g, value);
        }
    }

    private byte[] withoutHistory() {
        if (withoutHistory == null) {
            JsonNode json = record.json();
            withoutHistory = json.has(AnnotatedRecordSchema.HISTORY_FIELD) ? writeWithout(json) : record.bytes();
        }
        return withoutHistory;
    }

    private static byte[] writeWithout(JsonNode json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                if (!field.getKey().equals(AnnotatedRecordSchema.HISTORY_FIELD)) {
                    g.writeFieldName(field.getKey());
                    MAPPER.writeTree(g, field.getValue());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
