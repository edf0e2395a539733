package uk.ac.lsst.pipeline.alert;

import java.io.IOException;
import java.util.Objects;

/**
 * Makes a distinct copy of an alert message for replays that cycle through a finite set of files: a fresh alert
 * id and an optionally shifted position, re-encoded in the same format (and, for Confluent wire format, under the
 * same schema id) as the original. The object id is kept, so a cycled alert reads as a new detection of the same
 * object. Thread-safe.
 *
 * <p>Where the id goes: ZTF {@code candid}, {@code candidate.candid} and (schema 1.1) {@code alertId}; Rubin
 * {@code diaSource.diaSourceId} and the top-level {@code diaSourceId} (and {@code alertId} where a schema has
 * one); compact alerts {@code alertId}. The position moved is {@code candidate.ra/dec} (ZTF),
 * {@code diaSource.ra/dec} (Rubin) or {@code raDeg/decDeg} (compact); earlier detections and the object record
 * keep theirs. An OCF keeps its writer schema, user metadata, codec and sync
 * marker; a wire message keeps its schema id. Cutouts are carried over unchanged.
 */
public final class AlertRewriter {
    private final RawAlertReader reader;

    /** @param schemas where the writer schemas of Confluent wire-format originals come from */
    public AlertRewriter(SchemaSource schemas) {
        this.reader = new RawAlertReader(Objects.requireNonNull(schemas, "schemas"), true);
    }

    /**
     * @param original     the bytes of one alert message (OCF, Confluent wire format or compact)
     * @param newAlertId   the alert id to write (ZTF candid, Rubin diaSourceId) wherever the alert repeats it
     * @param raOffsetDeg  added to the alert's right ascension (wrapped into [0, 360))
     * @param decOffsetDeg added to the alert's declination (clamped to [-90, 90])
     * @return the rewritten message bytes
     * @throws AlertDecodeException     when the original does not decode as an alert
     * @throws IllegalArgumentException when an offset is not finite, or the schema stores the id in an int too
     *                                  small for {@code newAlertId} (no ZTF or Rubin schema does)
     */
    public byte[] rewrite(byte[] original, long newAlertId, double raOffsetDeg, double decOffsetDeg)
            throws AlertDecodeException {
        if (!Double.isFinite(raOffsetDeg) || !Double.isFinite(decOffsetDeg)) {
            throw new IllegalArgumentException(
                    "offsets must be finite, got ra " + raOffsetDeg + ", dec " + decOffsetDeg);
        }
        RawAlert raw = reader.read(original, AlertDecoder.detectFormat(original));
        Survey survey = AlertNormaliser.normalise(raw).survey();
        // The record was decoded for this call alone, so it is edited in place: no copy is needed.
        AlertEdits.apply(raw.format(), survey, raw.record(), newAlertId, raOffsetDeg, decOffsetDeg);
        try {
            return AlertEncoder.encode(raw);
        } catch (IOException | RuntimeException e) {
            throw new AlertDecodeException(DecodeFailure.CORRUPT,
                    "decoded alert cannot be re-encoded with its writer schema: " + e, e);
        }
    }
}
