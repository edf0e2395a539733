package uk.ac.lsst.pipeline.alert;

import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.ALERT_ID;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.BAND;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.DEC_DEG;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.FLUX_ERR_NJY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.FLUX_NJY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MAGNITUDE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MAGNITUDE_ERR;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MJD;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.OBJECT_ID;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.RA_DEG;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.SCHEMA_VERSION;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.SURVEY;

import org.apache.avro.generic.GenericRecord;

/**
 * Normalises a compact alert: its fields are the {@link Alert} fields of the alert it was made from, so the view is
 * the same apart from {@code format} (COMPACT), {@code schemaId} (-1) and {@code record} (the compact record).
 * Stateless.
 */
final class CompactNormaliser {
    private CompactNormaliser() {
    }

    static Alert normalise(RawAlert raw) throws AlertDecodeException {
        GenericRecord record = raw.record();
        Survey survey = survey(Records.value(record, SURVEY));
        Long alertId = Records.integer(record, ALERT_ID);
        if (survey == null || alertId == null) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT,
                    "compact alert without a known survey or an alert id");
        }
        return new Alert(
                survey,
                AlertFormat.COMPACT,
                text(record, SCHEMA_VERSION),
                -1,
                alertId,
                text(record, OBJECT_ID),
                Records.number(record, RA_DEG),
                Records.number(record, DEC_DEG),
                Records.number(record, MJD),
                text(record, BAND),
                Records.number(record, MAGNITUDE),
                Records.number(record, MAGNITUDE_ERR),
                Records.number(record, FLUX_NJY),
                Records.number(record, FLUX_ERR_NJY),
                record);
    }

    private static Survey survey(Object symbol) {
        for (Survey survey : Survey.values()) {
            if (symbol != null && survey.name().equals(symbol.toString())) {
                return survey;
            }
        }
        return null;
    }

    private static String text(GenericRecord record, String field) {
        String text = Records.text(record, field);
        return text != null ? text : "";
    }
}
