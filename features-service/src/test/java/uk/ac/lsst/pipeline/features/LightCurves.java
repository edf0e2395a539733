package uk.ac.lsst.pipeline.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;
import uk.ac.lsst.pipeline.alert.photometry.PointKind;

/** Synthetic photometry for feature tests: points and alerts made of them. */
final class LightCurves {
    private LightCurves() {
    }

    /** A detection (ZTF-like: magnitude, no flux). */
    static PhotometryPoint detection(double mjd, String band, double magnitude, boolean positive) {
        return new PhotometryPoint(mjd, band, magnitude, 0.1, Double.NaN, Double.NaN, positive, PointKind.DETECTION,
                20.5);
    }

    static PhotometryPoint upperLimit(double mjd, String band, double limit) {
        return new PhotometryPoint(mjd, band, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false,
                PointKind.UPPER_LIMIT, limit);
    }

    static PhotometryPoint forced(double mjd, String band, double fluxNJy) {
        return new PhotometryPoint(mjd, band, Double.NaN, Double.NaN, fluxNJy, 100, fluxNJy > 0, PointKind.FORCED,
                Double.NaN);
    }

    /** An alert: its own detection and a history (sorted here, as extraction sorts it). */
    static AlertPhotometry alert(PhotometryPoint current, List<PhotometryPoint> history) {
        List<PhotometryPoint> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingDouble(PhotometryPoint::mjd));
        return new AlertPhotometry(current, sorted, 0.9);
    }

    /** The points of {@code all} in {@code [from, to)}. */
    static List<PhotometryPoint> between(List<PhotometryPoint> all, double from, double to) {
        return all.stream().filter(p -> p.mjd() >= from && p.mjd() < to).toList();
    }
}
