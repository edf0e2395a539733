package uk.ac.lsst.pipeline.alert.photometry;

import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.BAND;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.FLUX_ERR_NJY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.FLUX_NJY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.HISTORY;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.KIND;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.LIMITING_MAGNITUDE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MAGNITUDE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MAGNITUDE_ERR;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.MJD;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.POSITIVE;
import static uk.ac.lsst.pipeline.alert.compact.CompactAlertSchema.RELIABILITY;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Records;

/**
 * The photometry of a compact alert: the triggering detection from the alert's own fields plus the record's
 * {@code positive} and {@code limitingMagnitude}; the history as stored (already in ascending mjd). Stateless.
 */
final class CompactPhotometry {
    private CompactPhotometry() {
    }

    static AlertPhotometry extract(Alert alert) {
        GenericRecord record = alert.record();
        PhotometryPoint current = new PhotometryPoint(alert.mjd(), alert.band(), alert.magnitude(),
                alert.magnitudeErr(), alert.fluxNJy(), alert.fluxErrNJy(), flag(record, POSITIVE),
                PointKind.DETECTION, Records.number(record, LIMITING_MAGNITUDE));
        List<PhotometryPoint> history = new ArrayList<>();
        for (Object entry : Records.list(record, HISTORY)) {
            if (entry instanceof GenericRecord point) {
                history.add(point(point));
            }
        }
        return new AlertPhotometry(current, history, Records.number(record, RELIABILITY));
    }

    private static PhotometryPoint point(GenericRecord point) {
        String band = Records.text(point, BAND);
        return new PhotometryPoint(Records.number(point, MJD), band != null ? band : "",
                Records.number(point, MAGNITUDE), Records.number(point, MAGNITUDE_ERR),
                Records.number(point, FLUX_NJY), Records.number(point, FLUX_ERR_NJY), flag(point, POSITIVE),
                PointKind.valueOf(String.valueOf(Records.value(point, KIND))), Records.number(point, LIMITING_MAGNITUDE));
    }

    private static boolean flag(GenericRecord record, String field) {
        return Boolean.TRUE.equals(Records.value(record, field));
    }
}
