package uk.ac.lsst.pipeline.alert;

import java.util.Locale;

/** How one alert is laid out in one Kafka message value. */
public enum AlertFormat {
    /** An Avro Object Container File holding one alert, writer schema embedded (ZTF, Fink's Rubin samples). */
    OCF,
    /** Confluent wire format: byte 0x00, a 4-byte big-endian schema id, then a schemaless Avro datum (Rubin). */
    CONFLUENT_WIRE,
    /**
     * The compact alert of this pipeline (no cutouts), in Avro single-object encoding: bytes 0xC3 0x01, the 8-byte
     * little-endian fingerprint of a {@code schema/lsst-uk/compact-alert-N.avsc} schema, then the binary datum.
     */
    COMPACT;

    /** The name used in headers and settings: {@code ocf}, {@code confluent-wire} or {@code compact}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #code()} (case-insensitive, '_' accepted for '-'). */
    public static AlertFormat fromCode(String code) {
        String normalised = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AlertFormat f : values()) {
            if (f.name().equals(normalised)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown alert format '" + code + "', expected ocf, confluent-wire or compact");
    }
}
