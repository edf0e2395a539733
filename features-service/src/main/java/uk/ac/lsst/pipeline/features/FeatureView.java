package uk.ac.lsst.pipeline.features;

import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;
import uk.ac.lsst.pipeline.features.state.BandSummary;
import uk.ac.lsst.pipeline.features.state.ColourPair;
import uk.ac.lsst.pipeline.features.state.Detection;

/**
 * The features of one alert read off the merged state (per-band summaries and kept detections) and the alert's
 * own detection; the definitions are on {@link FeatureCalculator}. NOT thread-safe: one per update.
 */
final class FeatureView {
    private final BandSummary[] summaries;
    private final List<Detection> kept;
    private final ColourPair colourPair;
    private final PhotometryPoint current;
    private final double t;

    FeatureView(BandSummary[] summaries, List<Detection> kept, ColourPair colourPair, PhotometryPoint current) {
        this.summaries = summaries;
        this.kept = kept;
        this.colourPair = colourPair;
        this.current = current;
        this.t = current.mjd();
    }

    ObjectFeatures features() {
        BandFeatures[] bands = new BandFeatures[summaries.length];
        int n = 0;
        int positive = 0;
        int n7 = 0;
        int n14 = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        for (int b = 0; b < summaries.length; b++) {
            bands[b] = band(summaries[b]);
            n += bands[b].nDetections();
            positive += bands[b].nPositive();
            n7 += bands[b].nDetections7d();
            n14 += bands[b].nDetections14d();
            first = min(first, bands[b].firstMjd());
            last = max(last, bands[b].lastMjd());
        }
        BandSummary own = Bands.isKnown(current.band()) ? summaries[Bands.index(current.band())] : null;
        double colour = colourPair != null ? colourPair.colour() : Double.NaN;
        return new ObjectFeatures(n, positive, n7, n14, first, last, t - first, colour, rateSincePrevious(own),
                rateSincePeak(own), own != null ? own.peakMagnitude() : Double.NaN,
                bands[0], bands[1], bands[2], bands[3], bands[4], bands[5]);
    }

    private BandFeatures band(BandSummary s) {
        long n = s.sealedDetections();
        long positive = s.sealedPositive();
        int n7 = 0;
        int n14 = 0;
        for (Detection d : kept) {
            if (d.band().equals(s.band())) {
                n++;
                positive += d.positive() ? 1 : 0;
                n7 += within(d, FeatureCalculator.SHORT_WINDOW_DAYS) ? 1 : 0;
                n14 += within(d, FeatureCalculator.LONG_WINDOW_DAYS) ? 1 : 0;
            }
        }
        Detection latest = s.latestPositive();
        Detection previous = s.previousPositive();
        return new BandFeatures((int) n, (int) positive, n7, n14, s.firstMjd(), s.lastMjd(),
                latest != null ? latest.magnitude() : Double.NaN,
                latest != null ? latest.fluxNJy() : Double.NaN,
                s.peakMagnitude(), s.peakMjd(),
                latest != null && previous != null ? rate(latest.magnitude(), latest.mjd(), previous.magnitude(),
                        previous.mjd()) : Double.NaN,
                latest != null ? rate(latest.magnitude(), latest.mjd(), s.peakMagnitude(), s.peakMjd()) : Double.NaN);
    }

    private boolean within(Detection d, double windowDays) {
        return d.mjd() >= t - windowDays && d.mjd() <= t;
    }

    /** The alert's detection against the positive detection of its band just before it. */
    private double rateSincePrevious(BandSummary own) {
        if (own == null || !Detection.of(current).hasBrightness()) {
            return Double.NaN;
        }
        Detection previous = null;
        for (Detection d : candidatesBefore(own)) {
            if (d != null && d.band().equals(own.band()) && d.hasBrightness()
                    && d.mjd() < t - FeatureCalculator.DUPLICATE_DAYS && (previous == null || d.mjd() > previous.mjd())) {
                previous = d;
            }
        }
        return previous != null ? rate(current.magnitude(), t, previous.magnitude(), previous.mjd()) : Double.NaN;
    }

    private List<Detection> candidatesBefore(BandSummary own) {
        List<Detection> candidates = new ArrayList<>(kept);
        candidates.add(own.latestPositive());
        candidates.add(own.previousPositive());
        return candidates;
    }

    private double rateSincePeak(BandSummary own) {
        if (own == null || !Detection.of(current).hasBrightness()) {
            return Double.NaN;
        }
        return rate(current.magnitude(), t, own.peakMagnitude(), own.peakMjd());
    }

    /**
     * {@code (m1 - m0) / (t1 - t0)} in mag/day; NaN when a value is NaN or the times are those of one detection
     * (within {@link FeatureCalculator#DUPLICATE_DAYS}).
     */
    private static double rate(double m1, double t1, double m0, double t0) {
        double dt = t1 - t0;
        return Math.abs(dt) > FeatureCalculator.DUPLICATE_DAYS ? (m1 - m0) / dt : Double.NaN;
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
