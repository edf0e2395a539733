package uk.ac.lsst.pipeline.benchmarks.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Filter expressions such as scientists register, seeded: thresholds on magnitude and features, classification
 * tests, {@code exists} over catalogue matches, watch-list membership, per-band conditions, sky regions, and mixtures
 * of these (twelve templates, drawn uniformly, with random thresholds).
 */
final class SyntheticFilters {
    private static final String[] BANDS = {"u", "g", "r", "i", "z", "y"};

    private SyntheticFilters() {
    }

    static List<String> generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> expressions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            expressions.add(expression(random));
        }
        return expressions;
    }

    private static String expression(SplittableRandom r) {
        String cls = SyntheticRecords.CLASSES[r.nextInt(SyntheticRecords.CLASSES.length)];
        String band = BANDS[r.nextInt(BANDS.length)];
        return switch (r.nextInt(12)) {
            case 0 -> f("magnitude < %.2f", 16 + r.nextDouble(5));
            case 1 -> f("classification == \"%s\" && magnitude < %.2f && features.nDetections >= %d", cls,
                    17 + r.nextDouble(4), 1 + r.nextInt(5));
            case 2 -> f("features.rateSincePrevious < -%.2f", 0.1 + r.nextDouble(1));
            case 3 -> f("matches.exists(m, m.type == \"%s\" && m.separationArcsec < %.1f)",
                    SyntheticRecords.TYPES[r.nextInt(SyntheticRecords.TYPES.length)], 0.5 + r.nextDouble(5));
            case 4 -> f("watchlists.exists(w, w.listId == \"list-%d\")", r.nextInt(SyntheticRecords.WATCH_LISTS));
            case 5 -> f("band == \"%s\" && features.%s.nDetections >= %d && features.%s.peakMagnitude < %.2f", band,
                    band, 1 + r.nextInt(4), band, 17 + r.nextDouble(4));
            case 6 -> f("classification in [\"SN\", \"NT\", \"ORPHAN\"] && reliability > %.2f"
                    + " && features.daysSinceFirstDetection < %.1f", 0.5 + r.nextDouble(0.5), 1 + r.nextDouble(30));
            case 7 -> f("features.colourGR < %.2f && features.nDetections7d >= %d", r.nextDouble(-0.3, 0.8),
                    1 + r.nextInt(3));
            case 8 -> f("survey == \"RUBIN\" && positive && fluxNJy > %.0f", 1000 + r.nextDouble(50_000));
            case 9 -> f("matches.exists(m, has(m.columns.photoZ) && m.columns.photoZ < %.2f) && classification == \"%s\"",
                    0.05 + r.nextDouble(0.5), cls);
            case 10 -> f("decDeg > %.1f && decDeg < %.1f && raDeg > %.1f && raDeg < %.1f", -60 + r.nextDouble(30),
                    -20 + r.nextDouble(40), r.nextDouble(180), 180 + r.nextDouble(180));
            default -> f("!(classification in [\"VS\", \"AGN\"]) && features.r.rateSincePeak > %.2f"
                    + " && features.g.rateSincePeak > 0.0 && features.nDetections14d >= %d", r.nextDouble(0.1),
                    2 + r.nextInt(4));
        };
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
