package uk.ac.lsst.pipeline.alert.photometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Puts history points in ascending mjd, keeping packet order among equal times (a stable sort). Stateless. */
final class HistoryOrder {
    private static final Comparator<PhotometryPoint> BY_MJD = Comparator.comparingDouble(PhotometryPoint::mjd);

    private HistoryOrder() {
    }

    static List<PhotometryPoint> sorted(List<PhotometryPoint> points) {
        List<PhotometryPoint> copy = new ArrayList<>(points);
        copy.sort(BY_MJD);
        return copy;
    }
}
