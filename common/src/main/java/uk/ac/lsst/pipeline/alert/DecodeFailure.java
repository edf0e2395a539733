package uk.ac.lsst.pipeline.alert;

/** Why bytes could not be turned into an {@link Alert}; {@link #code()} is what dead-letter headers carry. */
public enum DecodeFailure {
    /** zero-length (or null) message value. */
    EMPTY("empty"),
    /** neither the Avro OCF magic nor the Confluent 0x00 magic byte. */
    UNKNOWN_FORMAT("unknown-format"),
    /** bytes start like a known format but end early or do not parse. */
    CORRUPT("corrupt"),
    /** the Confluent schema id is not known to the schema source, or a compact alert's fingerprint to this build. */
    UNKNOWN_SCHEMA("unknown-schema"),
    /** the schema source could not be asked (registry down, timed out). */
    SCHEMA_UNAVAILABLE("schema-unavailable"),
    /** the record decoded but is not a ZTF or Rubin alert (missing id fields, wrong record). */
    NOT_AN_ALERT("not-an-alert"),
    /** the message is larger than the configured limit. */
    TOO_LARGE("too-large");

    private final String code;

    DecodeFailure(String code) {
        this.code = code;
    }

    /** Short kebab-case reason, stable across releases. */
    public String code() {
        return code;
    }
}
