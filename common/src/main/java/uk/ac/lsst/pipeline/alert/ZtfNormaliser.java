package uk.ac.lsst.pipeline.alert;

import org.apache.avro.generic.GenericRecord;

/**
 * Normalises ZTF alerts, schema 1.1 to 4.02. Stateless.
 *
 * <ul>
 *   <li>alertId: {@code candidate.candid} (the top-level {@code candid} if the candidate lacks it). Schema 1.1
 *       (2016 test data) also has a top-level {@code alertId}: there {@code candid} is negative and
 *       {@code alertId} is the positive id the packet is named by, so {@code alertId} is used.</li>
 *   <li>objectId: {@code objectId}; schema 1.1 has none, so the alert id in decimal stands in for it (each 1.1
 *       alert is then an object of its own).</li>
 *   <li>position, time, photometry: {@code candidate.ra}, {@code dec}, {@code jd - 2400000.5}, {@code magpsf},
 *       {@code sigmapsf}; band from {@code fid} 1/2/3 = g/r/i, else ""; flux NaN.</li>
 *   <li>schemaVersion: {@code schemavsn} (2.0 on); before that the {@code version} property of the writer
 *       schema, which ZTF sets to "1.1", "1.7", ...; else "".</li>
 * </ul>
 */
final class ZtfNormaliser {
    private static final double JD_MINUS_MJD = 2400000.5;
    private static final String[] BANDS_BY_FID = {"", "g", "r", "i"};

    private ZtfNormaliser() {
    }

    /** True when the record has the shape of a ZTF alert: a candidate and an id field. */
    static boolean matches(GenericRecord record) {
        return Records.has(record, "candidate")
                && (Records.has(record, "candid") || Records.has(record, "objectId")
                        || Records.has(record, "alertId"));
    }

    static Alert normalise(RawAlert raw) throws AlertDecodeException {
        GenericRecord record = raw.record();
        GenericRecord candidate = Records.record(record, "candidate");
        if (candidate == null) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT, "ZTF alert without a candidate record");
        }
        Long alertId = alertId(record, candidate);
        if (alertId == null) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT, "ZTF alert without candid");
        }
        String objectId = Records.text(record, "objectId");
        return new Alert(
                Survey.ZTF,
                raw.format(),
                schemaVersion(raw),
                raw.schemaId(),
                alertId,
                objectId != null ? objectId : Long.toString(alertId),
                Records.number(candidate, "ra"),
                Records.number(candidate, "dec"),
                Records.number(candidate, "jd") - JD_MINUS_MJD,
                band(Records.integer(candidate, "fid")),
                Records.number(candidate, "magpsf"),
                Records.number(candidate, "sigmapsf"),
                Double.NaN,
                Double.NaN,
                record);
    }

    private static Long alertId(GenericRecord record, GenericRecord candidate) {
        Long legacyAlertId = Records.integer(record, "alertId");
        if (legacyAlertId != null) {
            return legacyAlertId;
        }
        Long candid = Records.integer(candidate, "candid");
        return candid != null ? candid : Records.integer(record, "candid");
    }

    private static String band(Long fid) {
        return fid != null && fid > 0 && fid < BANDS_BY_FID.length ? BANDS_BY_FID[fid.intValue()] : "";
    }

    private static String schemaVersion(RawAlert raw) {
        String schemavsn = Records.text(raw.record(), "schemavsn");
        if (schemavsn != null) {
            return schemavsn;
        }
        String version = raw.writerSchema().getProp("version");
        return version != null ? version : "";
    }
}
