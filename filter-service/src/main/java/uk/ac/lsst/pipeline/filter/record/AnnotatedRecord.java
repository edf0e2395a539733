package uk.ac.lsst.pipeline.filter.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One annotated record as read from topic {@code annotated-alerts}: the bytes as received, their JSON tree, and the
 * variables filters are evaluated against (built once, see {@link FilterVariables}). Made by
 * {@link AnnotatedRecordReader}. Neither the bytes nor the tree may be modified by callers. Immutable once built;
 * thread-safe as long as callers honour that.
 */
public final class AnnotatedRecord {
    private final byte[] bytes;
    private final JsonNode json;
    private final FilterVariables variables;
    private final long alertId;
    private final String objectId;

    AnnotatedRecord(byte[] bytes, JsonNode json, FilterVariables variables, long alertId, String objectId) {
        this.bytes = Objects.requireNonNull(bytes);
        this.json = Objects.requireNonNull(json);
        this.variables = Objects.requireNonNull(variables);
        this.alertId = alertId;
        this.objectId = Objects.requireNonNull(objectId);
    }

    /** The UTF-8 JSON as received, history included if it was there. Callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    /** The JSON tree of {@link #bytes()} (an object). Callers must not modify it. */
    public JsonNode json() {
        return json;
    }

    /** The activation of this alert for every filter. */
    public FilterVariables variables() {
        return variables;
    }

    public long alertId() {
        return alertId;
    }

    public String objectId() {
        return objectId;
    }
}
