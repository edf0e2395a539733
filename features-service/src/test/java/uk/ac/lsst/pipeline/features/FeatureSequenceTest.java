package uk.ac.lsst.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static uk.ac.lsst.pipeline.features.LightCurves.alert;
import static uk.ac.lsst.pipeline.features.LightCurves.between;
import static uk.ac.lsst.pipeline.features.LightCurves.detection;
import static uk.ac.lsst.pipeline.features.LightCurves.forced;
import static uk.ac.lsst.pipeline.features.LightCurves.upperLimit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.alert.photometry.PhotometryPoint;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.features.state.FeatureStateSerde;
import uk.ac.lsst.pipeline.features.state.StateLimits;
import uk.ac.lsst.pipeline.testing.SharedData;

/** Alerts of one object one after the other, the state carried from each to the next. */
class FeatureSequenceTest {
    private final FeatureCalculator calculator = new FeatureCalculator();

    @Test
    void shouldGiveTheSameFeaturesWhetherTheHistoryCameInOnePacketOrOverSeveralAlerts() throws Exception {
        // ZTF19abvhduf: 21 detections over 30 days; replayed as 21 alerts, each carrying the 30 days before it
        AlertPhotometry real = AlertPhotometry.of(new AlertDecoder(SchemaSources.none(), false, 1 << 20)
                .decode(SharedData.bytes("ztf/alerts/misc/fink-alert-schemas_template_schema_ZTF_3p3.avro")));
        List<PhotometryPoint> points = new ArrayList<>(real.points());
        points.sort((a, b) -> Double.compare(a.mjd(), b.mjd()));

        FeatureState state = null;
        FeatureUpdate last = null;
        int seen = 0;
        for (PhotometryPoint current : points) {
            last = calculator.update(state, alert(current, between(points, current.mjd() - 30, current.mjd())));
            state = last.state();
            seen++;
            assertThat(last.features().nDetections()).isEqualTo(seen);
        }

        assertThat(last.features()).isEqualTo(calculator.update(null, real).features());
        assertThat(last.features().colourGR()).isCloseTo(0.6301, within(1e-5));
    }

    @Test
    void shouldNotCountAnAlertDeliveredTwice() {
        AlertPhotometry first = alert(detection(100, "g", 19, true), List.of(detection(98, "g", 19.5, true)));
        FeatureUpdate once = calculator.update(null, first);

        FeatureUpdate twice = calculator.update(once.state(), first);

        assertThat(twice).isEqualTo(once);
        assertThat(twice.features().nDetections()).isEqualTo(2);
    }

    @Test
    void shouldCountADetectionSeenAgainInALaterHistoryOnce() {
        FeatureUpdate a = calculator.update(null, alert(detection(100, "r", 19, true), List.of()));
        FeatureUpdate b = calculator.update(a.state(), alert(detection(101, "r", 18.5, true),
                List.of(detection(100, "r", 19, true), upperLimit(99, "r", 20.1))));
        FeatureUpdate c = calculator.update(b.state(), alert(detection(103, "g", 18.8, true),
                List.of(detection(100, "r", 19, true), detection(101, "r", 18.5, true), forced(102, "g", 500))));

        assertThat(c.features().nDetections()).isEqualTo(3);
        assertThat(c.features().r().nDetections()).isEqualTo(2);
        assertThat(c.features().g().nDetections()).isEqualTo(1);
        // (18.5 - 19) / (101 - 100)
        assertThat(c.features().r().rateSincePrevious()).isCloseTo(-0.5, within(1e-9));
        assertThat(c.features().r().rateSincePeak()).isNaN();
        assertThat(c.features().rateSincePrevious()).isNaN();
        assertThat(c.features().colourGR()).isNaN();
    }

    @Test
    void shouldLeaveForcedPhotometryAndUpperLimitsOutOfEveryFeature() {
        AlertPhotometry bare = alert(detection(50, "g", 18, true), List.of());
        AlertPhotometry withOthers = alert(detection(50, "g", 18, true), List.of(upperLimit(45, "g", 20),
                forced(46, "g", 20000), forced(48, "r", 30000), upperLimit(49, "i", 19.5)));

        assertThat(calculator.update(null, withOthers).features()).isEqualTo(calculator.update(null, bare).features());
    }

    @Test
    void shouldKeepTotalsAndUseTheAlertsOwnTimeForALateAlert() {
        FeatureUpdate later = calculator.update(null, alert(detection(112, "r", 17.5, true),
                List.of(detection(111.5, "g", 17.9, true))));
        // arrives late: detected at 110, its history has an r detection at 108 that no alert brought before
        FeatureUpdate late = calculator.update(later.state(), alert(detection(110, "r", 18, true),
                List.of(detection(108, "r", 18.5, true))));

        ObjectFeatures f = late.features();
        assertThat(f.nDetections()).isEqualTo(4);
        assertThat(f.lastMjd()).isEqualTo(112);
        assertThat(f.daysSinceFirstDetection()).isEqualTo(2);
        // windows end at the late alert's own time: 108 and 110 lie in [103, 110]; 111.5 and 112 do not
        assertThat(f.nDetections7d()).isEqualTo(2);
        // against the r detection before it: (18 - 18.5) / (110 - 108)
        assertThat(f.rateSincePrevious()).isCloseTo(-0.25, within(1e-9));
        // the r peak, 17.5 at 112, comes after it: (18 - 17.5) / (110 - 112)
        assertThat(f.rateSincePeak()).isCloseTo(-0.25, within(1e-9));
        // the band's latest two stay the ones at 112 and 110
        assertThat(f.r().latestMagnitude()).isEqualTo(17.5);
        assertThat(f.r().rateSincePrevious()).isCloseTo(-0.25, within(1e-9));
        // g 17.9 at 111.5 and r 17.5 at 112 are 0.5 day apart
        assertThat(f.colourGR()).isCloseTo(0.4, within(1e-6));
    }

    @Test
    void shouldKeepTheLatestColourPairWhenLaterDetectionsHaveNoPartner() {
        FeatureUpdate pair = calculator.update(null, alert(detection(200.3, "r", 18.2, true),
                List.of(detection(200, "g", 18.5, true), detection(195, "r", 18.9, true))));
        FeatureUpdate alone = calculator.update(pair.state(), alert(detection(204, "g", 18.0, true), List.of()));

        assertThat(pair.features().colourGR()).isCloseTo(0.3, within(1e-6));
        assertThat(alone.features().colourGR()).isCloseTo(0.3, within(1e-6));
    }

    @Test
    void shouldKeepTheStateBoundedAndTheTotalsExactOverAThousandAlertsInTimeOrder() {
        List<PhotometryPoint> points = new ArrayList<>();
        for (int k = 0; k < 1000; k++) {
            // one detection a day, alternating g and r, a slow sine of 2 mag; every fifth one negative
            points.add(detection(60000 + k, k % 2 == 0 ? "g" : "r", 19 + Math.sin(k / 50.0), k % 5 != 4));
        }
        FeatureState state = null;
        FeatureUpdate update = null;
        int largest = 0;
        for (PhotometryPoint current : points) {
            update = calculator.update(state, alert(current, between(points, current.mjd() - 30, current.mjd())));
            state = update.state();
            largest = Math.max(largest, FeatureStateSerde.toBytes(state).length);
            assertThat(state.kept()).hasSizeLessThanOrEqualTo(StateLimits.DEFAULT.maxKept());
        }

        ObjectFeatures f = update.features();
        assertThat(f.nDetections()).isEqualTo(1000);
        assertThat(f.nPositive()).isEqualTo(800);
        assertThat(f.g().nDetections()).isEqualTo(500);
        assertThat(f.nDetections7d()).isEqualTo(8);
        assertThat(f.nDetections14d()).isEqualTo(15);
        assertThat(f.firstMjd()).isEqualTo(60000);
        assertThat(f).isEqualTo(calculator.update(null, alert(points.get(999), points.subList(0, 999))).features());
        assertThat(largest).as("largest state in bytes").isLessThan(1700);
    }
}
