package uk.ac.lsst.pipeline.features;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;
import uk.ac.lsst.pipeline.features.state.BandSummary;
import uk.ac.lsst.pipeline.features.state.ColourPair;
import uk.ac.lsst.pipeline.features.state.Detection;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.features.state.StateLimits;

/**
 * Computes the features of each alert of an object from the alert's photometry and the object's state, and the
 * state to keep for its next alert. A pure function: no clock, no I/O; stateless and thread-safe.
 *
 * <p>Rules. Let t be the alert's mjd and b its band.
 * <ul>
 *   <li>Detections: the points of kind DETECTION (the alert's own and its history), with a finite mjd and a band
 *       among u g r i z y. Forced photometry and upper limits are not detections. A detection of negative
 *       difference flux counts in {@code nDetections} and not in {@code nPositive}.</li>
 *   <li>Magnitude features ({@code latestMagnitude}, {@code latestFluxNJy}, peaks, rates, colour) use positive
 *       detections with a finite magnitude only: a negative detection's magnitude measures a fading, not the
 *       object's brightness (and Rubin gives it none).</li>
 *   <li>Colour {@code g - r}: over every pair of a positive g and a positive r detection (with magnitudes) at
 *       most {@value #COLOUR_WINDOW_DAYS} day apart, the pair whose later detection is the latest (then the
 *       closer pair, see {@link ColourPair#PREFERENCE}); {@code m_g - m_r} of that pair, NaN when there is
 *       none.</li>
 *   <li>De-duplication: a detection seen again (in a later alert's history, or an alert delivered twice) is one
 *       detection: same band and mjd within {@value #DUPLICATE_DAYS} day (8.6 s, shorter than any exposure). The
 *       values first seen are kept.</li>
 *   <li>Out-of-order alerts: totals, first/last times and peaks cover every detection seen so far, so they never
 *       decrease; windowed counts count the kept detections in {@code [t - 7, t]} and {@code [t - 14, t]}.
 *       Per band, "latest" means the latest seen, whatever t; the object-level rates compare the alert's own
 *       detection with the positive detection of band b just before t, and with the peak of band b.</li>
 *   <li>Bounded state ({@link StateLimits}): detections are kept one by one up to {@code maxKept} and
 *       {@code keepDays} behind the latest; older ones are sealed into per-band counts, and a sealed-era detection
 *       brought again is taken as already counted. Features are computed before sealing. Exact for alerts in
 *       time order whose histories reach back to the previous alert (as ZTF's 30 days and Rubin's 12 months do),
 *       and for any order while the object has at most {@code maxKept} detections within {@code keepDays}; beyond
 *       that an alert arriving after its successors sealed its detections is not counted again, and windowed
 *       counts are exact while a window holds at most {@code maxKept} detections.</li>
 * </ul>
 */
public final class FeatureCalculator {
    /** Same band and times this close (days): the same detection. */
    public static final double DUPLICATE_DAYS = 1e-4;
    /** A positive g and a positive r detection give a colour when at most this far apart, days. */
    public static final double COLOUR_WINDOW_DAYS = 0.5;
    static final double SHORT_WINDOW_DAYS = 7;
    static final double LONG_WINDOW_DAYS = 14;

    private final StateLimits limits;

    public FeatureCalculator() {
        this(StateLimits.DEFAULT);
    }

    public FeatureCalculator(StateLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param previous the object's state, or null for an object not seen before
     * @param alert    a decoded alert of the object (any format: the photometry is {@link AlertPhotometry#of})
     */
    public FeatureUpdate update(FeatureState previous, Alert alert) {
        return update(previous, AlertPhotometry.of(alert));
    }

    /**
     * @param previous   the object's state, or null for an object not seen before
     * @param photometry the photometry of one alert of the object
     */
    public FeatureUpdate update(FeatureState previous, AlertPhotometry photometry) {
        Objects.requireNonNull(photometry, "photometry");
        Merge merge = new Merge(previous != null ? previous : FeatureState.empty());
        for (PhotometryPoint point : photometry.points()) {
            if (point.isDetection() && Double.isFinite(point.mjd()) && Bands.isKnown(point.band())) {
                merge.add(Detection.of(point));
            }
        }
        merge.pairColours();
        ObjectFeatures features = new FeatureView(merge.summaries, merge.kept, merge.colourPair, photometry.current())
                .features();
        return new FeatureUpdate(merge.sealed(limits), features);
    }

    /** The state with an alert's detections merged in, before sealing. NOT thread-safe: one per update. */
    private static final class Merge {
        private final double sealedThroughMjd;
        private final BandSummary[] summaries = new BandSummary[Bands.ALL.size()];
        private final List<Detection> kept;
        /** Detections of this alert at or before {@code sealedThroughMjd}: not counted again, but paired. */
        private final List<Detection> sealedEra = new ArrayList<>();
        private ColourPair colourPair;

        Merge(FeatureState state) {
            this.sealedThroughMjd = state.sealedThroughMjd();
            for (int b = 0; b < summaries.length; b++) {
                summaries[b] = state.band(Bands.ALL.get(b));
            }
            this.kept = new ArrayList<>(state.kept());
            this.colourPair = state.colourPair();
        }

        void add(Detection d) {
            int b = Bands.index(d.band());
            summaries[b] = summaries[b].observe(d, DUPLICATE_DAYS);
            if (contains(kept, d) || contains(sealedEra, d)) {
                return;
            }
            if (d.mjd() <= sealedThroughMjd + DUPLICATE_DAYS) {
                sealedEra.add(d);
                return;
            }
            int at = kept.size();
            while (at > 0 && kept.get(at - 1).mjd() > d.mjd()) {
                at--;
            }
            kept.add(at, d);
        }

        /** Pairs up the g and r detections now held (kept and sealed-era) with the pair kept so far. */
        void pairColours() {
            List<Detection> pool = new ArrayList<>();
            for (List<Detection> list : List.of(kept, sealedEra)) {
                for (Detection d : list) {
                    if (d.hasBrightness() && (d.band().equals("g") || d.band().equals("r"))) {
                        pool.add(d);
                    }
                }
            }
            pool.sort(Comparator.comparingDouble(Detection::mjd));
            for (int i = 0; i < pool.size(); i++) {
                Detection a = pool.get(i);
                for (int j = i + 1; j < pool.size() && pool.get(j).mjd() - a.mjd() <= COLOUR_WINDOW_DAYS; j++) {
                    Detection b = pool.get(j);
                    if (!a.band().equals(b.band())) {
                        ColourPair pair = a.band().equals("g") ? new ColourPair(a, b) : new ColourPair(b, a);
                        colourPair = ColourPair.preferred(colourPair, pair);
                    }
                }
            }
        }

        FeatureState sealed(StateLimits limits) {
            double sealedThrough = sealedThroughMjd;
            List<Detection> remaining = new ArrayList<>(kept);
            double horizon = remaining.isEmpty() ? Double.NEGATIVE_INFINITY
                    : remaining.get(remaining.size() - 1).mjd() - limits.keepDays();
            while (!remaining.isEmpty() && (remaining.size() > limits.maxKept() || remaining.get(0).mjd() < horizon)) {
                Detection oldest = remaining.remove(0);
                int b = Bands.index(oldest.band());
                summaries[b] = summaries[b].seal(oldest);
                sealedThrough = Math.max(sealedThrough, oldest.mjd());
            }
            List<BandSummary> seen = new ArrayList<>();
            for (BandSummary summary : summaries) {
                if (!Double.isNaN(summary.firstMjd())) {
                    seen.add(summary);
                }
            }
            return new FeatureState(sealedThrough, seen, remaining, colourPair);
        }

        private static boolean contains(List<Detection> detections, Detection d) {
            for (Detection k : detections) {
                if (k.sameAs(d, DUPLICATE_DAYS)) {
                    return true;
                }
            }
            return false;
        }
    }
}
