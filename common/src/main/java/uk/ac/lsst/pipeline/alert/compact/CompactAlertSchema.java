package uk.ac.lsst.pipeline.alert.compact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The Avro schemas of the compact alert ({@code schema/lsst-uk/compact-alert-N.avsc} on the class path), their
 * single-object fingerprints, and the names of their fields. Every version ever published stays here, so that
 * a message written under an older version still decodes; {@link #current()} is the one new messages are written
 * with. Immutable and thread-safe.
 */
public final class CompactAlertSchema {
    /** Class-path resources of every version, oldest first; the last is {@link #current()}. */
    static final List<String> RESOURCES = List.of("/schema/lsst-uk/compact-alert-1.avsc");

    public static final String SURVEY = "survey";
    public static final String SCHEMA_VERSION = "schemaVersion";
    public static final String ALERT_ID = "alertId";
    public static final String OBJECT_ID = "objectId";
    public static final String RA_DEG = "raDeg";
    public static final String DEC_DEG = "decDeg";
    public static final String MJD = "mjd";
    public static final String BAND = "band";
    public static final String MAGNITUDE = "magnitude";
    public static final String MAGNITUDE_ERR = "magnitudeErr";
    public static final String FLUX_NJY = "fluxNJy";
    public static final String FLUX_ERR_NJY = "fluxErrNJy";
    public static final String POSITIVE = "positive";
    public static final String RELIABILITY = "reliability";
    public static final String LIMITING_MAGNITUDE = "limitingMagnitude";
    public static final String HISTORY = "history";
    /** Field of a history point. */
    public static final String KIND = "kind";

    private static final List<Schema> VERSIONS = RESOURCES.stream().map(CompactAlertSchema::load).toList();
    private static final Map<Long, Schema> BY_FINGERPRINT = VERSIONS.stream()
            .collect(Collectors.toUnmodifiableMap(CompactAlertSchema::fingerprint, Function.identity()));

    private CompactAlertSchema() {
    }

    /** The schema new compact alerts are written with. */
    public static Schema current() {
        return VERSIONS.get(VERSIONS.size() - 1);
    }

    /** The schema of the history points of {@link #current()}. */
    public static Schema currentPoint() {
        return current().getField(HISTORY).schema().getElementType();
    }

    /** The compact schema whose single-object fingerprint this is, or empty when no version has it. */
    public static Optional<Schema> forFingerprint(long fingerprint) {
        return Optional.ofNullable(BY_FINGERPRINT.get(fingerprint));
    }

    /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding uses it. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The fingerprints of every version, as hex, for error messages. */
    public static String knownFingerprints() {
        return VERSIONS.stream().map(s -> HexFormat.of().toHexDigits(fingerprint(s)))
                .collect(Collectors.joining(", "));
    }

    private static Schema load(String resource) {
        try (InputStream in = CompactAlertSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("compact alert schema " + resource + " is missing from the class path");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read compact alert schema " + resource, e);
        }
    }
}
