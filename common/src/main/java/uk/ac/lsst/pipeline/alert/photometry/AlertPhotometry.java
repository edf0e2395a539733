package uk.ac.lsst.pipeline.alert.photometry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertFormat;

/**
 * The photometry an alert carries: its own (triggering) detection, the earlier measurements of the object that
 * came with it, and the quality of the detection. Immutable; {@link #of} is stateless and thread-safe.
 *
 * @param current     the triggering detection (kind {@link PointKind#DETECTION}), built from the {@link Alert}'s
 *                    mjd, band, magnitude and flux
 * @param history     the earlier measurements, in ascending mjd (packet order among equal times); unmodifiable
 * @param reliability real/bogus score of the triggering detection, 0 (bogus) to 1 (real): ZTF {@code drb} when
 *                    present, else {@code rb}; Rubin {@code diaSource.reliability}; NaN when the alert has none.
 *                    Held at float precision, as published (the canonical constructor rounds it)
 */
public record AlertPhotometry(PhotometryPoint current, List<PhotometryPoint> history, double reliability) {

    public AlertPhotometry {
        Objects.requireNonNull(current, "current");
        history = List.copyOf(history);
        reliability = (float) reliability;
    }

    /**
     * Extracts the photometry of a decoded alert: ZTF (every schema from 1.1 to 4.02), Rubin (9.0 to 11.1 and
     * Fink's copies), or a compact alert, which gives exactly the points of the alert it was made from.
     *
     * <ul>
     *   <li>ZTF: {@code prv_candidates} entries with a {@code candid} are detections, entries without one but with a
     *       {@code diffmaglim} are upper limits (entries with neither are skipped); the schema 3.5 test alerts,
     *       whose history entries are forced photometry ({@code forcediffimflux}), and the {@code fp_hists} of
     *       4.02 give forced points, their flux in nJy from {@code forcediffimflux} and the zero point
     *       {@code magzpsci} (NaN for ZTF's -99999 placeholder).</li>
     *   <li>Rubin: {@code prvDiaSources} are detections, {@code prvDiaForcedSources} forced points.</li>
     * </ul>
     */
    public static AlertPhotometry of(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        if (alert.format() == AlertFormat.COMPACT) {
            return CompactPhotometry.extract(alert);
        }
        return switch (alert.survey()) {
            case ZTF -> ZtfPhotometry.extract(alert);
            case RUBIN -> RubinPhotometry.extract(alert);
        };
    }

    /** True when the triggering detection is a brightening against the reference image. */
    public boolean positive() {
        return current.positive();
    }

    /** The triggering detection followed by the history. */
    public List<PhotometryPoint> points() {
        List<PhotometryPoint> all = new ArrayList<>(history.size() + 1);
        all.add(current);
        all.addAll(history);
        return all;
    }

    /** The number of history points of the given kind (the triggering detection not included). */
    public int historyCount(PointKind kind) {
        return (int) history.stream().filter(p -> p.kind() == kind).count();
    }
}
