package uk.ac.lsst.pipeline.alert.photometry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Magnitudes;
import uk.ac.lsst.pipeline.alert.Records;

/**
 * The photometry of a Rubin alert (see {@link AlertPhotometry#of}): fluxes {@code psfFlux} in nJy (older schemas
 * {@code psFlux}), AB magnitudes from them, times {@code midpointMjdTai} (older {@code midPointTai}), bands
 * {@code band} (older {@code filterName}); a flux above zero is positive. Rubin publishes no limiting magnitude.
 * Stateless.
 */
final class RubinPhotometry {
    private RubinPhotometry() {
    }

    static AlertPhotometry extract(Alert alert) {
        GenericRecord record = alert.record();
        PhotometryPoint current = new PhotometryPoint(alert.mjd(), alert.band(), alert.magnitude(),
                alert.magnitudeErr(), alert.fluxNJy(), alert.fluxErrNJy(), alert.fluxNJy() > 0, PointKind.DETECTION,
                Double.NaN);
        List<PhotometryPoint> history = new ArrayList<>();
        addAll(history, Records.list(record, "prvDiaSources"), PointKind.DETECTION);
        addAll(history, Records.list(record, "prvDiaForcedSources"), PointKind.FORCED);
        double reliability = Records.number(Records.record(record, "diaSource"), "reliability");
        return new AlertPhotometry(current, HistoryOrder.sorted(history), reliability);
    }

    private static void addAll(List<PhotometryPoint> history, List<?> sources, PointKind kind) {
        for (Object entry : sources) {
            if (entry instanceof GenericRecord source) {
                history.add(point(source, kind));
            }
        }
    }

    private static PhotometryPoint point(GenericRecord source, PointKind kind) {
        double flux = Records.number(source, "psfFlux", "psFlux");
        double fluxErr = Records.number(source, "psfFluxErr", "psFluxErr");
        String band = Records.text(source, "band", "filterName");
        return new PhotometryPoint(Records.number(source, "midpointMjdTai", "midPointTai"), band != null ? band : "",
                Magnitudes.abMagnitude(flux), Magnitudes.abMagnitudeErr(flux, fluxErr), flux, fluxErr, flux > 0,
                kind, Double.NaN);
    }
}
