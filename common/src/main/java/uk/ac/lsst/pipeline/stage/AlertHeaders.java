package uk.ac.lsst.pipeline.stage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Headers that buffer-ingest adds to every alert in the ingest buffer (values are UTF-8 strings), so that later
 * stages can route and account for alerts without decoding them. The value bytes stay as upstream sent them.
 */
public final class AlertHeaders {
    /** {@code ZTF} or {@code RUBIN}. */
    public static final String SURVEY = "alert.survey";
    /** {@code ocf} or {@code confluent-wire}. */
    public static final String FORMAT = "alert.format";
    /** Confluent schema id (wire format only). */
    public static final String SCHEMA_ID = "alert.schema.id";
    /** ZTF candid / Rubin diaSourceId, in decimal. */
    public static final String ALERT_ID = "alert.id";
    /** ZTF objectId / Rubin diaObjectId (also the record key). */
    public static final String OBJECT_ID = "alert.object.id";
    public static final String UPSTREAM_TOPIC = "upstream.topic";
    public static final String UPSTREAM_PARTITION = "upstream.partition";
    public static final String UPSTREAM_OFFSET = "upstream.offset";
    /** epoch milliseconds of the upstream record's timestamp. */
    public static final String UPSTREAM_TIMESTAMP = "upstream.timestamp";

    private AlertHeaders() {
    }

    /** Adds a header with a UTF-8 string value. */
    public static void put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of the header as a string. */
    public static Optional<String> get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }
}
