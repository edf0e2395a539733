package uk.ac.lsst.pipeline.alert.photometry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Magnitudes;
import uk.ac.lsst.pipeline.alert.Records;

/**
 * The photometry of a ZTF alert, schema 1.1 to 4.02 (see {@link AlertPhotometry#of}). Times are {@code jd -
 * 2400000.5}; bands from {@code fid} 1/2/3 = g/r/i; {@code isdiffpos} "t" or "1" is positive. Stateless.
 */
final class ZtfPhotometry {
    private static final double JD_MINUS_MJD = 2400000.5;
    private static final String[] BANDS_BY_FID = {"", "g", "r", "i"};
    /** ZTF's placeholder for a forced flux that could not be measured. */
    private static final double MISSING_FORCED_FLUX = -99999;

    private ZtfPhotometry() {
    }

    static AlertPhotometry extract(Alert alert) {
        GenericRecord record = alert.record();
        GenericRecord candidate = Records.record(record, "candidate");
        PhotometryPoint current = new PhotometryPoint(alert.mjd(), alert.band(), alert.magnitude(),
                alert.magnitudeErr(), alert.fluxNJy(), alert.fluxErrNJy(), positive(candidate), PointKind.DETECTION,
                Records.number(candidate, "diffmaglim"));
        List<PhotometryPoint> history = new ArrayList<>();
        for (Object entry : Records.list(record, "prv_candidates")) {
            if (entry instanceof GenericRecord previous) {
                PhotometryPoint point = previousCandidate(previous);
                if (point != null) {
                    history.add(point);
                }
            }
        }
        for (Object entry : Records.list(record, "fp_hists")) {
            if (entry instanceof GenericRecord forced) {
                history.add(forced(forced));
            }
        }
        return new AlertPhotometry(current, HistoryOrder.sorted(history), Records.number(candidate, "drb", "rb"));
    }

    /** A detection, an upper limit, forced photometry (schema 3.5 test alerts), or null for an empty entry. */
    private static PhotometryPoint previousCandidate(GenericRecord previous) {
        if (Records.has(previous, "forcediffimflux")) {
            return forced(previous);
        }
        double mjd = mjd(previous);
        String band = band(previous);
        double limit = Records.number(previous, "diffmaglim");
        if (Records.integer(previous, "candid") != null) {
            return new PhotometryPoint(mjd, band, Records.number(previous, "magpsf"),
                    Records.number(previous, "sigmapsf"), Double.NaN, Double.NaN, positive(previous),
                    PointKind.DETECTION, limit);
        }
        if (!Double.isNaN(limit)) {
            return new PhotometryPoint(mjd, band, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                    PointKind.UPPER_LIMIT, limit);
        }
        return null;
    }

    private static PhotometryPoint forced(GenericRecord forced) {
        double zeroPoint = Records.number(forced, "magzpsci");
        double counts = Records.number(forced, "forcediffimflux");
        double countsErr = Records.number(forced, "forcediffimfluxunc");
        double flux = counts == MISSING_FORCED_FLUX ? Double.NaN : Magnitudes.countsToNJy(counts, zeroPoint);
        double fluxErr = countsErr == MISSING_FORCED_FLUX ? Double.NaN : Magnitudes.countsToNJy(countsErr, zeroPoint);
        return new PhotometryPoint(mjd(forced), band(forced), Magnitudes.abMagnitude(flux),
                Magnitudes.abMagnitudeErr(flux, fluxErr), flux, fluxErr, flux > 0, PointKind.FORCED,
                Records.number(forced, "diffmaglim"));
    }

    private static double mjd(GenericRecord record) {
        return Records.number(record, "jd") - JD_MINUS_MJD;
    }

    private static String band(GenericRecord record) {
        Long fid = Records.integer(record, "fid");
        return fid != null && fid > 0 && fid < BANDS_BY_FID.length ? BANDS_BY_FID[fid.intValue()] : "";
    }

    private static boolean positive(GenericRecord record) {
        String isdiffpos = Records.text(record, "isdiffpos");
        return "t".equalsIgnoreCase(isdiffpos) || "1".equals(isdiffpos);
    }
}
