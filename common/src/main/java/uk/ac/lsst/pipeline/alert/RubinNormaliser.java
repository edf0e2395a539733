package uk.ac.lsst.pipeline.alert;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;

/**
 * Normalises Rubin alerts: the lsst.vM_m schemas (9.0 to 11.1 seen) and Fink's re-serialisation of them
 * ({@code topLevelRecord}, every field nullable, extra {@code lsst_schema_version}). Stateless.
 *
 * <ul>
 *   <li>alertId: {@code diaSource.diaSourceId}.</li>
 *   <li>objectId: the first of {@code diaSource.diaObjectId}, {@code diaObject.diaObjectId} (decimal), then
 *       {@code "ss"} + {@code diaSource.ssObjectId}, {@code "ss"} + {@code ssSource.ssObjectId} (Solar System
 *       sources have no diaObject); "" when none is set. An id of 0 counts as unset: Fink writes 0 for a missing
 *       id, and Rubin ids are positive.</li>
 *   <li>raDeg, decDeg, mjd, band: {@code diaSource.ra}, {@code dec}, {@code midpointMjdTai} (older schemas
 *       {@code midPointTai}), {@code band} (older {@code filterName}), "" when null.</li>
 *   <li>fluxNJy, fluxErrNJy: {@code psfFlux}, {@code psfFluxErr} (older {@code psFlux}, {@code psFluxErr});
 *       magnitude {@code 31.4 - 2.5 log10(flux)} and error {@code 2.5 / ln(10) * fluxErr / flux}, both NaN unless
 *       the flux is positive.</li>
 *   <li>schemaVersion: "M.m" from the writer schema namespace {@code lsst.vM_m} or Fink's
 *       {@code lsst_schema_version} value ({@code lsst.vM_m}, or {@code M.m}); failing both, for wire format,
 *       from the schema id {@code M * 100 + m} (the Rubin registry's numbering; the namespace comes first
 *       because other registries number schemas differently); else "".</li>
 * </ul>
 */
final class RubinNormaliser {
    private static final Pattern LSST_VERSION = Pattern.compile("(?:lsst\\.v)?(\\d+)[._](\\d+)");

    private RubinNormaliser() {
    }

    /** True when the record has the shape of a Rubin alert: a diaSource. */
    static boolean matches(GenericRecord record) {
        return Records.has(record, "diaSource");
    }

    static Alert normalise(RawAlert raw) throws AlertDecodeException {
        GenericRecord record = raw.record();
        GenericRecord diaSource = Records.record(record, "diaSource");
        if (diaSource == null) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT, "Rubin alert without a diaSource record");
        }
        Long alertId = Records.integer(diaSource, "diaSourceId");
        if (alertId == null) {
            throw new AlertDecodeException(DecodeFailure.NOT_AN_ALERT, "Rubin alert without diaSource.diaSourceId");
        }
        double flux = Records.number(diaSource, "psfFlux", "psFlux");
        double fluxErr = Records.number(diaSource, "psfFluxErr", "psFluxErr");
        String band = Records.text(diaSource, "band", "filterName");
        return new Alert(
                Survey.RUBIN,
                raw.format(),
                schemaVersion(raw),
                raw.schemaId(),
                alertId,
                objectId(record, diaSource),
                Records.number(diaSource, "ra"),
                Records.number(diaSource, "dec"),
                Records.number(diaSource, "midpointMjdTai", "midPointTai"),
                band != null ? band : "",
                Magnitudes.abMagnitude(flux),
                Magnitudes.abMagnitudeErr(flux, fluxErr),
                flux,
                fluxErr,
                record);
    }

    private static String objectId(GenericRecord record, GenericRecord diaSource) {
        Long id = positive(Records.integer(diaSource, "diaObjectId"));
        if (id == null) {
            id = positive(Records.integer(Records.record(record, "diaObject"), "diaObjectId"));
        }
        if (id != null) {
            return Long.toString(id);
        }
        Long ssId = positive(Records.integer(diaSource, "ssObjectId"));
        if (ssId == null) {
            ssId = positive(Records.integer(Records.record(record, "ssSource"), "ssObjectId"));
        }
        return ssId != null ? "ss" + ssId : "";
    }

    private static Long positive(Long id) {
        return id != null && id > 0 ? id : null;
    }

    private static String schemaVersion(RawAlert raw) {
        String fromNamespace = lsstVersion(raw.writerSchema().getNamespace());
        if (fromNamespace != null) {
            return fromNamespace;
        }
        String fromField = lsstVersion(Records.text(raw.record(), "lsst_schema_version"));
        if (fromField != null) {
            return fromField;
        }
        return raw.format() == AlertFormat.CONFLUENT_WIRE ? ConfluentWire.rubinVersion(raw.schemaId()) : "";
    }

    private static String lsstVersion(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LSST_VERSION.matcher(text);
        return m.matches() ? m.group(1) + "." + m.group(2) : null;
    }
}
