package uk.ac.lsst.pipeline.alert.compact;

import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.ALERT_ID;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.BAND;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.DEC_DEG;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.FLUX_ERR_NJY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.FLUX_NJY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.HISTORY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.KIND;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.LIMITING_MAGNITUDE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MAGNITUDE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MAGNITUDE_ERR;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MJD;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.OBJECT_ID;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.POSITIVE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.RA_DEG;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.RELIABILITY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.SCHEMA_VERSION;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.SURVEY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;

/**
 * Makes the compact form of an alert: the {@link Alert} fields, the quality of the triggering detection and the
 * photometry history ({@link AlertPhotometry}), without cutouts or any other field of the upstream record, under
 * {@link CompactAlertSchema#current()} in Avro single-object encoding. {@link AlertDecoder} decodes the bytes back
 * to an {@link Alert} equal to the original in every field but {@code format}, {@code schemaId} and
 * {@code record}, whose photometry is exactly the original's. Stateless and thread-safe.
 */
public final class CompactAlerts {
    private static final Schema SCHEMA = CompactAlertSchema.current();
    private static final Schema POINT = CompactAlertSchema.currentPoint();
    private static final Schema SURVEY_ENUM = SCHEMA.getField(SURVEY).schema();
    private static final Schema KIND_ENUM = POINT.getField(KIND).schema();
    private static final BinaryMessageEncoder<GenericRecord> ENCODER =
            new BinaryMessageEncoder<>(GenericData.get(), SCHEMA);

    private CompactAlerts() {
    }

    /**
     * The compact alert in single-object encoding: {@code 0xC3 0x01}, the 8-byte fingerprint of the current
     * schema, the binary datum.
     *
     * @param alert a decoded alert of any format (a compact one is written again under the current schema)
     */
    public static byte[] encode(Alert alert) {
        try {
            ByteBuffer encoded = ENCODER.encode(toRecord(alert));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the compact form of alert " + alert.alertId(), e);
        }
    }

    /** The compact record of an alert, under {@link CompactAlertSchema#current()}. */
    public static GenericRecord toRecord(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        AlertPhotometry photometry = AlertPhotometry.of(alert);
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put(SURVEY, new GenericData.EnumSymbol(SURVEY_ENUM, alert.survey().name()));
        record.put(SCHEMA_VERSION, alert.schemaVersion());
        record.put(ALERT_ID, alert.alertId());
        record.put(OBJECT_ID, alert.objectId());
        record.put(RA_DEG, alert.raDeg());
        record.put(DEC_DEG, alert.decDeg());
        record.put(MJD, alert.mjd());
        record.put(BAND, alert.band());
        record.put(MAGNITUDE, alert.magnitude());
        record.put(MAGNITUDE_ERR, alert.magnitudeErr());
        record.put(FLUX_NJY, alert.fluxNJy());
        record.put(FLUX_ERR_NJY, alert.fluxErrNJy());
        record.put(POSITIVE, photometry.positive());
        record.put(RELIABILITY, (float) photometry.reliability());
        record.put(LIMITING_MAGNITUDE, (float) photometry.current().limitingMagnitude());
        List<GenericRecord> history = new ArrayList<>(photometry.history().size());
        for (PhotometryPoint point : photometry.history()) {
            history.add(point(point));
        }
        record.put(HISTORY, history);
        return record;
    }

    private static GenericRecord point(PhotometryPoint point) {
        GenericRecord record = new GenericData.Record(POINT);
        record.put(MJD, point.mjd());
        record.put(BAND, point.band());
        record.put(KIND, new GenericData.EnumSymbol(KIND_ENUM, point.kind().name()));
        record.put(MAGNITUDE, (float) point.magnitude());
        record.put(MAGNITUDE_ERR, (float) point.magnitudeErr());
        record.put(FLUX_NJY, (float) point.fluxNJy());
        record.put(FLUX_ERR_NJY, (float) point.fluxErrNJy());
        record.put(POSITIVE, point.positive());
        record.put(LIMITING_MAGNITUDE, (float) point.limitingMagnitude());
        return record;
    }
}
