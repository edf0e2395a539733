package uk.ac.lsst.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.ac.lsst.pipeline.features.LightCurves.alert;
import static uk.ac.lsst.pipeline.features.LightCurves.between;
import static uk.ac.lsst.pipeline.features.LightCurves.detection;
import static uk.ac.lsst.pipeline.features.LightCurves.forced;
import static uk.ac.lsst.pipeline.features.LightCurves.upperLimit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.features.state.FeatureStateSerde;

/**
 * Properties of the features over generated light curves (jqwik's seed is fixed, so runs repeat). Detections are
 * at distinct times at least 0.01 day apart, in g, r and i, a fifth of them negative, mixed with upper limits and
 * forced points that must change nothing.
 */
class FeaturePropertyTest {
    private static final List<String> BANDS = List.of("g", "r", "i");

    private final FeatureCalculator calculator = new FeatureCalculator();

    @Property(tries = 200, seed = "20260116")
    void shouldGiveTheSameFeaturesHoweverTheDetectionsWereSplitBetweenPacketsAndState(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 60) int detections, @ForAll @IntRange(min = 1, max = 8) int alerts) {
        // within the limits (at most 64 detections within 30 days) the split and arrival order change nothing
        SplittableRandom random = new SplittableRandom(seed);
        List<PhotometryPoint> points = lightCurve(random, detections, 25);
        List<PhotometryPoint> found = detectionsOf(points);
        PhotometryPoint last = found.get(random.nextInt(found.size()));

        ObjectFeatures onePacket = calculator.update(null, alert(last, without(points, last))).features();

        List<AlertPhotometry> earlier = new ArrayList<>();
        Set<PhotometryPoint> delivered = new HashSet<>();
        for (int a = 0; a < alerts; a++) {
            PhotometryPoint current = found.get(random.nextInt(found.size()));
            List<PhotometryPoint> history = subset(random, without(points, current));
            earlier.add(alert(current, history));
            delivered.add(current);
            delivered.addAll(history);
        }
        List<PhotometryPoint> missing = new ArrayList<>(without(points, last));
        missing.removeAll(delivered);
        List<PhotometryPoint> lastHistory = new ArrayList<>(subset(random, without(points, last)));
        lastHistory.addAll(missing);
        Collections.shuffle(earlier, new Random(seed));
        FeatureState state = null;
        for (AlertPhotometry alert : earlier) {
            state = calculator.update(state, alert).state();
        }
        ObjectFeatures split = calculator.update(state, alert(last, dedupe(lastHistory))).features();

        assertThat(split).isEqualTo(onePacket);
    }

    @Property(tries = 60, seed = "5")
    void shouldGiveTheSameFeaturesForAlertsInTimeOrderWhateverTheLengthOfTheHistory(@ForAll long seed,
            @ForAll @IntRange(min = 50, max = 400) int detections) {
        // alerts in time order, each with the 30 days before it (ZTF's history); a fifth of the detections only
        // appear in histories; spread over up to 800 days, so the state seals most of them
        SplittableRandom random = new SplittableRandom(seed);
        List<PhotometryPoint> points = spacedLightCurve(random, detections);
        List<PhotometryPoint> found = detectionsOf(points);
        PhotometryPoint last = found.get(found.size() - 1);
        FeatureState state = null;
        FeatureUpdate update = null;
        for (PhotometryPoint current : found) {
            if (random.nextInt(5) == 0 && current != last) {
                continue;
            }
            update = calculator.update(state, alert(current, between(points, current.mjd() - 30, current.mjd())));
            state = update.state();
        }

        assertThat(update.features()).isEqualTo(calculator.update(null, alert(last, without(points, last))).features());
    }

    @Property(tries = 150, seed = "77")
    void shouldNeverDecreaseCountsWhateverTheArrivalOrder(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 200) int detections, @ForAll @IntRange(min = 1, max = 40) int alerts) {
        // over up to 400 days, so sealing and late alerts beyond the kept detections both happen
        SplittableRandom random = new SplittableRandom(seed);
        List<PhotometryPoint> points = lightCurve(random, detections, 400);
        List<PhotometryPoint> found = detectionsOf(points);
        FeatureState state = null;
        ObjectFeatures before = null;
        for (int a = 0; a < alerts; a++) {
            PhotometryPoint current = found.get(random.nextInt(found.size()));
            double reach = random.nextDouble(0, 60);
            FeatureUpdate update = calculator.update(state,
                    alert(current, between(points, current.mjd() - reach, current.mjd())));
            ObjectFeatures after = update.features();
            state = update.state();
            if (before != null) {
                assertNotDecreased(before, after);
            }
            before = after;
        }
    }

    @Property(tries = 150, seed = "314")
    void shouldReadBackAnEqualStateFromItsBytes(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int detections,
            @ForAll @IntRange(min = 1, max = 20) int alerts) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PhotometryPoint> points = lightCurve(random, detections, random.nextInt(1, 300));
        List<PhotometryPoint> found = detectionsOf(points);
        FeatureState state = null;
        for (int a = 0; a < alerts; a++) {
            PhotometryPoint current = found.get(random.nextInt(found.size()));
            state = calculator.update(state, alert(current, subset(random, without(points, current)))).state();

            byte[] bytes = FeatureStateSerde.toBytes(state);

            assertThat(FeatureStateSerde.fromBytes(bytes)).isEqualTo(state);
            assertThat(FeatureStateSerde.serde().deserializer().deserialize("t",
                    FeatureStateSerde.serde().serializer().serialize("t", state))).isEqualTo(state);
            assertThat(bytes.length).isLessThanOrEqualTo(FeatureStateSizeTest.MAX_STATE_BYTES);
        }
    }

    private static void assertNotDecreased(ObjectFeatures before, ObjectFeatures after) {
        assertThat(after.nDetections()).isGreaterThanOrEqualTo(before.nDetections());
        assertThat(after.nPositive()).isGreaterThanOrEqualTo(before.nPositive());
        assertThat(after.firstMjd()).isLessThanOrEqualTo(before.firstMjd());
        assertThat(after.lastMjd()).isGreaterThanOrEqualTo(before.lastMjd());
        for (String band : Bands.ALL) {
            BandFeatures b = before.band(band);
            BandFeatures a = after.band(band);
            assertThat(a.nDetections()).as(band).isGreaterThanOrEqualTo(b.nDetections());
            assertThat(a.nPositive()).as(band).isGreaterThanOrEqualTo(b.nPositive());
            if (!Double.isNaN(b.peakMagnitude())) {
                assertThat(a.peakMagnitude()).as(band).isLessThanOrEqualTo(b.peakMagnitude());
            }
        }
    }

    /** Detections at distinct times within {@code spanDays}, with upper limits and forced points between. */
    static List<PhotometryPoint> lightCurve(SplittableRandom random, int detections, double spanDays) {
        Set<Integer> ticks = new HashSet<>();
        int slots = Math.max(detections * 2, (int) (spanDays * 100));
        while (ticks.size() < detections) {
            ticks.add(random.nextInt(slots));
        }
        List<PhotometryPoint> points = new ArrayList<>();
        for (int tick : ticks) {
            points.add(randomDetection(random, 60000 + tick * spanDays / slots));
        }
        addNonDetections(random, points, spanDays);
        return sorted(points);
    }

    /** Detections 0.5 to 2.5 days apart (so at most 60 within 30 days). */
    static List<PhotometryPoint> spacedLightCurve(SplittableRandom random, int detections) {
        List<PhotometryPoint> points = new ArrayList<>();
        double mjd = 60000;
        for (int k = 0; k < detections; k++) {
            points.add(randomDetection(random, mjd));
            mjd += random.nextDouble(0.5, 2.5);
        }
        addNonDetections(random, points, mjd - 60000);
        return sorted(points);
    }

    private static PhotometryPoint randomDetection(SplittableRandom random, double mjd) {
        return detection(mjd, BANDS.get(random.nextInt(BANDS.size())), random.nextDouble(15, 21),
                random.nextInt(5) != 0);
    }

    private static void addNonDetections(SplittableRandom random, List<PhotometryPoint> points, double spanDays) {
        int others = random.nextInt(10);
        for (int k = 0; k < others; k++) {
            double mjd = 60000 + random.nextDouble() * spanDays + 0.005;
            String band = BANDS.get(random.nextInt(BANDS.size()));
            points.add(random.nextBoolean() ? upperLimit(mjd, band, 20.5) : forced(mjd, band, 1000));
        }
    }

    private static List<PhotometryPoint> sorted(List<PhotometryPoint> points) {
        List<PhotometryPoint> copy = new ArrayList<>(points);
        copy.sort((a, b) -> Double.compare(a.mjd(), b.mjd()));
        return copy;
    }

    private static List<PhotometryPoint> detectionsOf(List<PhotometryPoint> points) {
        return points.stream().filter(PhotometryPoint::isDetection).toList();
    }

    private static List<PhotometryPoint> without(List<PhotometryPoint> points, PhotometryPoint left) {
        return points.stream().filter(p -> p != left).toList();
    }

    private static List<PhotometryPoint> subset(SplittableRandom random, List<PhotometryPoint> points) {
        double keep = random.nextDouble();
        return points.stream().filter(p -> random.nextDouble() < keep).toList();
    }

    private static List<PhotometryPoint> dedupe(List<PhotometryPoint> points) {
        return new ArrayList<>(new LinkedHashSet<>(points));
    }
}
