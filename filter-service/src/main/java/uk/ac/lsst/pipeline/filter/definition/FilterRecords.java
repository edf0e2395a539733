package uk.ac.lsst.pipeline.filter.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records of the filters topic (compacted): key {@code <owner>/<name>} (UTF-8), value the definition as a UTF-8 JSON
 * object, a tombstone (null value) to delete:
 * <pre>
 * {"owner":"alice","name":"bright-sn","expression":"classification == \"SN\" &amp;&amp; magnitude &lt; 19.5",
 *  "outputLevel":"record","dailyQuotaBytes":100000000}
 * </pre>
 * {@code owner}, {@code name}, {@code expression} and {@code outputLevel} are required; {@code dailyQuotaBytes} is
 * optional ({@link FilterDefinition#DEFAULT_DAILY_QUOTA_BYTES}); fields not listed here are ignored, so that newer
 * writers can add some. The owner and name of the value must be those of the key. Stateless, thread-safe.
 */
public final class FilterRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FilterRecords() {
    }

    public static byte[] key(FilterKey key) {
        return key.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON value of {@code definition}, fields in the order documented above. */
    public static byte[] value(FilterDefinition definition) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("owner", definition.owner());
        json.put("name", definition.name());
        json.put("expression", definition.expression());
        json.put("outputLevel", definition.outputLevel().jsonName());
        json.put("dailyQuotaBytes", definition.dailyQuotaBytes());
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write filter " + definition.key() + " as JSON", e);
        }
    }

    /**
     * Reads one record of the filters topic.
     *
     * @param key   the record key, UTF-8 {@code <owner>/<name>}
     * @param value the JSON definition, or null for a tombstone
     * @throws FilterRecordException naming the key and every problem
     */
    public static FilterChange parse(byte[] key, byte[] value) throws FilterRecordException {
        if (key == null) {
            throw new FilterRecordException("filter record without a key; expected <owner>/<name>");
        }
        String keyText = new String(key, StandardCharsets.UTF_8);
        FilterKey filterKey;
        try {
            filterKey = FilterKey.parse(keyText);
        } catch (IllegalArgumentException e) {
            throw new FilterRecordException("filter record '" + keyText + "': " + e.getMessage(), e);
        }
        if (value == null) {
            return new FilterChange.Delete(filterKey);
        }
        return new FilterChange.Upsert(definition(filterKey, value));
    }

    private static FilterDefinition definition(FilterKey key, byte[] value) throws FilterRecordException {
        String where = "filter record " + key + ": ";
        JsonNode json;
        try {
            json = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new FilterRecordException(where + "value is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new FilterRecordException(where + "value cannot be read: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new FilterRecordException(where + "value is not a JSON object");
        }
        List<String> problems = new ArrayList<>();
        String owner = text(json, "owner", problems);
        String name = text(json, "name", problems);
        String expression = text(json, "expression", problems);
        String level = text(json, "outputLevel", problems);
        long quota = quota(json, problems);
        if (owner != null && !owner.equals(key.owner())) {
            problems.add("owner '" + owner + "' differs from the key's '" + key.owner() + "'");
        }
        if (name != null && !name.equals(key.name())) {
            problems.add("name '" + name + "' differs from the key's '" + key.name() + "'");
        }
        OutputLevel outputLevel = null;
        if (level != null) {
            try {
                outputLevel = OutputLevel.parse(level);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new FilterRecordException(where + String.join("; ", problems));
        }
        try {
            return new FilterDefinition(owner, name, expression, outputLevel, quota);
        } catch (IllegalArgumentException e) {
            throw new FilterRecordException(where + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field, List<String> problems) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            problems.add(field + " is missing");
            return null;
        }
        if (!node.isTextual()) {
            problems.add(field + " is " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " " + node + "; expected a string");
            return null;
        }
        return node.textValue();
    }

    private static long quota(JsonNode json, List<String> problems) {
        JsonNode node = json.get("dailyQuotaBytes");
        if (node == null || node.isNull()) {
            return FilterDefinition.DEFAULT_DAILY_QUOTA_BYTES;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            problems.add("dailyQuotaBytes is " + node + "; expected a positive whole number of bytes");
            return FilterDefinition.DEFAULT_DAILY_QUOTA_BYTES;
        }
        return node.longValue();
    }
}
