package uk.ac.lsst.pipeline.alert;

import org.apache.avro.generic.GenericRecord;

/**
 * Hands a compact alert to {@link CompactNormaliser}; otherwise tells the survey from the record shape and hands
 * over to {@link ZtfNormaliser} or {@link RubinNormaliser}.
 * ZTF: a {@code candidate} field and one of {@code candid}, {@code objectId}, {@code alertId} (schema 1.1). Rubin:
 * a {@code diaSource} field. Anything else is {@link DecodeFailure#NOT_AN_ALERT}. Stateless.
 */
final class AlertNormaliser {
    private AlertNormaliser() {
    }

    static Alert normalise(RawAlert raw) throws AlertDecodeException {
        GenericRecord record = raw.record();
        try {
            if (raw.format() == AlertFormat.COMPACT) {
                return CompactNormaliser.normalise(raw);
            }
            if (ZtfNormaliser.matches(record)) {
                return ZtfNormaliser.normalise(raw);
            }
            if (RubinNormaliser.matches(record)) {
                return RubinNormaliser.normalise(raw);
            }
        } catch (RuntimeException e) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT,
                    "record " + record.getSchema().getFullName() + " does not normalise: " + e, e);
        }
        throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT, "record " + record.getSchema().getFullName()
                + " has neither candidate and candid/objectId (ZTF) nor diaSource (Rubin)");
    }

    /** The survey of a record, or null when it is neither. */
    static Survey survey(GenericRecord record) {
        if (ZtfNormaliser.matches(record)) {
            return Survey.ZTF;
        }
        return RubinNormaliser.matches(record) ? Survey.RUBIN : null;
    }
}
