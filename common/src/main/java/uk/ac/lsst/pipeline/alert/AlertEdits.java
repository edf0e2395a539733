package uk.ac.lsst.pipeline.alert;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * In-place edits of a decoded alert record for {@link AlertRewriter}: the alert id wherever the alert repeats it,
 * and the position of the triggering detection. Values are written with the field's own Avro type (long, int,
 * double or float, inside a nullable union or not); fields the schema lacks, and null positions, are left alone.
 * Stateless; the record must not be shared while it is edited.
 */
final class AlertEdits {
    private AlertEdits() {
    }

    /**
     * ZTF: top-level {@code candid} and (schema 1.1) {@code alertId}, {@code candidate.candid}; position
     * {@code candidate.ra/dec}. Rubin: top-level {@code diaSourceId} and {@code alertId} where present,
     * {@code diaSource.diaSourceId}; position {@code diaSource.ra/dec}. Compact alerts: {@code alertId}; position
     * {@code raDeg/decDeg}.
     */
    static void apply(AlertFormat format, Survey survey, GenericRecord record, long newAlertId, double raOffsetDeg,
            double decOffsetDeg) {
        if (format == AlertFormat.COMPACT) {
            setNumber(record, "alertId", newAlertId);
            shift(record, "raDeg", "decDeg", raOffsetDeg, decOffsetDeg);
            return;
        }
        GenericRecord detection;
        if (survey == Survey.ZTF) {
            detection = Records.record(record, "candidate");
            setNumber(record, "candid", newAlertId);
            setNumber(record, "alertId", newAlertId);
            setNumber(detection, "candid", newAlertId);
        } else {
            detection = Records.record(record, "diaSource");
            setNumber(record, "diaSourceId", newAlertId);
            setNumber(record, "alertId", newAlertId);
            setNumber(detection, "diaSourceId", newAlertId);
        }
        shift(detection, "ra", "dec", raOffsetDeg, decOffsetDeg);
    }

    /** Right ascension wrapped into [0, 360) degrees. */
    static double wrapRa(double raDeg) {
        double wrapped = raDeg % 360.0;
        if (wrapped < 0) {
            wrapped += 360.0;
        }
        return wrapped >= 360.0 ? 0.0 : wrapped;
    }

    /** Declination clamped to [-90, 90] degrees. */
    static double clampDec(double decDeg) {
        return Math.max(-90.0, Math.min(90.0, decDeg));
    }

    private static void shift(GenericRecord detection, String raField, String decField, double raOffsetDeg,
            double decOffsetDeg) {
        if (Records.value(detection, raField) instanceof Number ra) {
            setNumber(detection, raField, wrapRa(ra.doubleValue() + raOffsetDeg));
        }
        if (Records.value(detection, decField) instanceof Number dec) {
            setNumber(detection, decField, clampDec(dec.doubleValue() + decOffsetDeg));
        }
    }

    private static void setNumber(GenericRecord record, String field, double value) {
        Schema.Type type = numericType(record, field);
        if (type == Schema.Type.DOUBLE) {
            record.put(field, value);
        } else if (type == Schema.Type.FLOAT) {
            record.put(field, (float) value);
        } else if (type != null) {
            throw new IllegalArgumentException(field + " is a " + type + ", cannot hold " + value);
        }
    }

    private static void setNumber(GenericRecord record, String field, long value) {
        Schema.Type type = numericType(record, field);
        if (type == Schema.Type.LONG) {
            record.put(field, value);
        } else if (type == Schema.Type.INT && value == (int) value) {
            record.put(field, (int) value);
        } else if (type != null) {
            throw new IllegalArgumentException(field + " is a " + type + ", cannot hold alert id " + value);
        }
    }

    /** The non-null type of the field, or null when the record lacks it. */
    private static Schema.Type numericType(GenericRecord record, String field) {
        if (!Records.has(record, field)) {
            return null;
        }
        Schema schema = record.getSchema().getField(field).schema();
        if (schema.getType() == Schema.Type.UNION) {
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch.getType();
                }
            }
        }
        return schema.getType();
    }
}
