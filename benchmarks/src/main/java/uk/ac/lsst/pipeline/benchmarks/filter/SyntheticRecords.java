package uk.ac.lsst.pipeline.benchmarks.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;

/**
 * Annotated records (JSON bytes) with plausible values, seeded: two thirds Rubin, one third ZTF; magnitudes 15 to 23;
 * 0 to 4 catalogue matches with a few columns; a watch-list hit for one alert in 20; features for 1 to 4 bands, with
 * missing values where an object has a single detection; a photometry history of up to 30 points.
 */
final class SyntheticRecords {
    static final String[] CLASSES = {"VS", "AGN", "NT", "SN", "ORPHAN", "UNCLEAR"};
    static final String[] TYPES = {"galaxy", "star", "QSO", "cv"};
    static final String[] CATALOGUES = {"gaia-dr3", "legacy-survey", "milliquas", "ned"};
    static final int WATCH_LISTS = 50;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SyntheticRecords() {
    }

    static List<byte[]> generate(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                records.add(MAPPER.writeValueAsBytes(record(random, i)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    private static ObjectNode record(SplittableRandom random, int i) {
        boolean rubin = random.nextInt(3) > 0;
        List<String> bands = rubin ? List.of("u", "g", "r", "i", "z", "y") : List.of("g", "r", "i");
        String band = bands.get(random.nextInt(bands.size()));
        long alertId = 3_000_000_000_000_000L + i;
        ObjectNode r = MAPPER.createObjectNode();
        r.put("survey", rubin ? "RUBIN" : "ZTF");
        r.put("alertId", alertId);
        r.put("alertIdString", Long.toString(alertId));
        long objectNumber = 170_000_000_000_000L + random.nextInt(1_000_000);
        r.put("objectId", rubin ? Long.toString(objectNumber) : "ZTF24a" + Long.toString(objectNumber, 36));
        if (rubin) {
            r.put("objectIdNumber", objectNumber);
        } else {
            r.putNull("objectIdNumber");
        }
        r.put("raDeg", random.nextDouble(360));
        r.put("decDeg", random.nextDouble(-90, 30));
        double mjd = 61000 + random.nextDouble(365);
        r.put("mjd", mjd);
        r.put("band", band);
        double magnitude = 15 + random.nextDouble(8);
        putMaybe(r, "magnitude", magnitude, random, 0.02);
        r.put("magnitudeErr", 0.01 + random.nextDouble(0.3));
        if (rubin) {
            r.put("fluxNJy", Math.pow(10, (31.4 - magnitude) / 2.5));
            r.put("fluxErrNJy", 50 + random.nextDouble(500));
        } else {
            r.putNull("fluxNJy");
            r.putNull("fluxErrNJy");
        }
        r.put("positive", random.nextInt(10) > 0);
        putMaybe(r, "reliability", random.nextDouble(), random, 0.05);
        r.put("classification", CLASSES[random.nextInt(CLASSES.length)]);
        ArrayNode matches = r.putArray("matches");
        for (int m = random.nextInt(5); m > 0; m--) {
            match(matches.addObject(), random);
        }
        ArrayNode watchlists = r.putArray("watchlists");
        if (random.nextInt(20) == 0) {
            ObjectNode hit = watchlists.addObject();
            int list = random.nextInt(WATCH_LISTS);
            hit.put("listId", "list-" + list);
            hit.put("listName", "Watch list " + list);
            hit.put("sourceName", "source-" + random.nextInt(10_000));
            hit.put("separationArcsec", random.nextDouble(5));
        }
        features(r.putObject("features"), random, bands, band, mjd, magnitude);
        r.put("appendedAtMs", 1_780_000_000_000L + i * 10L);
        r.put("producedAtMs", 1_780_000_000_500L + i * 10L);
        ArrayNode history = r.putArray(AnnotatedRecordSchema.HISTORY_FIELD);
        for (int h = random.nextInt(30); h > 0; h--) {
            ObjectNode point = history.addObject();
            point.put("mjd", mjd - h * random.nextDouble(0.5, 3));
            point.put("band", bands.get(random.nextInt(bands.size())));
            point.put("magnitude", magnitude + random.nextDouble(-1, 2));
            point.put("magnitudeErr", 0.05);
            point.put("positive", true);
            point.put("kind", "detection");
            point.put("limitingMagnitude", 23.5);
        }
        return r;
    }

    private static void match(ObjectNode m, SplittableRandom random) {
        m.put("catalogue", CATALOGUES[random.nextInt(CATALOGUES.length)]);
        m.put("sourceId", Long.toString(random.nextLong(1L << 50)));
        m.put("separationArcsec", random.nextDouble(10));
        if (random.nextInt(4) == 0) {
            m.putNull("type");
        } else {
            m.put("type", TYPES[random.nextInt(TYPES.length)]);
        }
        m.put("raDeg", random.nextDouble(360));
        m.put("decDeg", random.nextDouble(-90, 30));
        ObjectNode columns = m.putObject("columns");
        if (random.nextBoolean()) {
            columns.put("photoZ", random.nextDouble(1.5));
        }
        columns.put("gMag", 14 + random.nextDouble(10));
        columns.put("morphology", random.nextBoolean() ? "SER" : "PSF");
        columns.putNull("specZ");
    }

    private static void features(ObjectNode f, SplittableRandom random, List<String> bands, String band, double mjd,
                                 double magnitude) {
        int n = 1 + random.nextInt(40);
        boolean single = n == 1;
        f.put("nDetections", n);
        f.put("nPositive", Math.max(1, n - random.nextInt(3)));
        f.put("nDetections7d", Math.min(n, random.nextInt(6)));
        f.put("nDetections14d", Math.min(n, random.nextInt(10)));
        double first = mjd - (single ? 0 : random.nextDouble(200));
        f.put("firstMjd", first);
        f.put("lastMjd", mjd);
        f.put("daysSinceFirstDetection", mjd - first);
        putMaybe(f, "colourGR", random.nextDouble(-0.5, 1.5), random, single ? 1 : 0.4);
        putMaybe(f, "rateSincePrevious", random.nextDouble(-1.5, 1), random, single ? 1 : 0.1);
        putMaybe(f, "rateSincePeak", random.nextDouble(0, 0.3), random, single ? 1 : 0.1);
        f.put("peakMagnitude", magnitude - random.nextDouble(1));
        int detectedBands = 1 + random.nextInt(Math.min(4, bands.size()));
        for (int b = 0; b < detectedBands; b++) {
            String name = b == 0 ? band : bands.get(random.nextInt(bands.size()));
            ObjectNode o = f.putObject(name);
            int nb = 1 + random.nextInt(n);
            o.put("nDetections", nb);
            o.put("nPositive", nb);
            o.put("nDetections7d", Math.min(nb, random.nextInt(4)));
            o.put("nDetections14d", Math.min(nb, random.nextInt(6)));
            o.put("firstMjd", first);
            o.put("lastMjd", mjd);
            o.put("latestMagnitude", magnitude + random.nextDouble(-0.5, 0.5));
            putMaybe(o, "latestFluxNJy", random.nextDouble(100, 100_000), random, 0.3);
            o.put("peakMagnitude", magnitude - random.nextDouble(1));
            o.put("peakMjd", mjd - random.nextDouble(30));
            putMaybe(o, "rateSincePrevious", random.nextDouble(-1.5, 1), random, nb == 1 ? 1 : 0.1);
            putMaybe(o, "rateSincePeak", random.nextDouble(0, 0.3), random, nb == 1 ? 1 : 0.1);
        }
    }

    /** {@code value}, or null with probability {@code missing}. */
    private static void putMaybe(ObjectNode o, String field, double value, SplittableRandom random, double missing) {
        if (random.nextDouble() < missing) {
            o.putNull(field);
        } else {
            o.put(field, value);
        }
    }
}
