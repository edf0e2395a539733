package uk.ac.lsst.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.compact.CompactAlerts;
import uk.ac.lsst.pipeline.testing.SharedData;

/**
 * Features of single real alerts (no earlier state) against values computed independently: the detections (jd,
 * fid, magpsf, isdiffpos of the candidate and of the prv_candidates with a candid) were printed from each file
 * with plain Avro and the features computed from them by a separate script following the stated rules;
 * magnitudes are the float values, MJD = jd - 2400000.5.
 */
class FeatureCalculatorSampleTest {
    private static final Offset<Double> MJD = within(1e-7);
    private static final Offset<Double> MAG = within(1e-5);
    private static final Offset<Double> RATE = within(1e-6);

    private final AlertDecoder decoder = new AlertDecoder(new SchemaDirectory(SharedData.rubinSchemaDir()), false,
            1 << 20);
    private final FeatureCalculator calculator = new FeatureCalculator();

    @Test
    void shouldComputeTheFeaturesOfARisingAndFadingZtfTransient() throws Exception {
        // ZTF19abvhduf (schema 3.3): alert in g at jd 2458802.6976852, 17.960688; 20 earlier detections, all
        // positive, 9 g and 11 r, the first at jd 2458772.823912 (g 16.9687, the g peak) and 2458773.0328125 (r
        // 16.2543, the r peak)
        ObjectFeatures f = features("ztf/alerts/misc/fink-alert-schemas_template_schema_ZTF_3p3.avro");

        assertThat(f.nDetections()).isEqualTo(21);
        assertThat(f.nPositive()).isEqualTo(21);
        assertThat(f.nDetections7d()).isEqualTo(6);
        assertThat(f.nDetections14d()).isEqualTo(12);
        assertThat(f.firstMjd()).isCloseTo(58772.323912, MJD);
        assertThat(f.lastMjd()).isCloseTo(58802.1976852, MJD);
        // 2458802.6976852 - 2458772.823912
        assertThat(f.daysSinceFirstDetection()).isCloseTo(29.8737732, MJD);
        // latest pair within 0.5 day: g 17.9111 at jd 2458794.0322801, r 17.281 at jd 2458793.9885301
        assertThat(f.colourGR()).isCloseTo(0.6301, MAG);
        // against the previous g, 17.9449 at jd 2458796.7638889: (17.960688 - 17.9449) / 5.9337963
        assertThat(f.rateSincePrevious()).isCloseTo(0.00266054, RATE);
        // against the g peak: (17.960688 - 16.9687) / 29.8737732
        assertThat(f.rateSincePeak()).isCloseTo(0.03320596, RATE);
        assertThat(f.peakMagnitude()).isCloseTo(16.9687, MAG);

        assertThat(f.g().nDetections()).isEqualTo(10);
        assertThat(f.g().nPositive()).isEqualTo(10);
        assertThat(f.g().nDetections7d()).isEqualTo(2);
        assertThat(f.g().nDetections14d()).isEqualTo(5);
        assertThat(f.g().latestMagnitude()).isCloseTo(17.960688, MAG);
        assertThat(f.g().latestFluxNJy()).isNaN();
        assertThat(f.g().peakMjd()).isCloseTo(58772.323912, MJD);
        assertThat(f.g().rateSincePrevious()).isCloseTo(0.00266054, RATE);
        assertThat(f.g().rateSincePeak()).isCloseTo(0.03320596, RATE);

        assertThat(f.r().nDetections()).isEqualTo(11);
        assertThat(f.r().nDetections7d()).isEqualTo(4);
        assertThat(f.r().nDetections14d()).isEqualTo(7);
        assertThat(f.r().firstMjd()).isCloseTo(58772.5328125, MJD);
        assertThat(f.r().lastMjd()).isCloseTo(58800.4242014, MJD);
        assertThat(f.r().latestMagnitude()).isCloseTo(17.5263, MAG);
        assertThat(f.r().peakMagnitude()).isCloseTo(16.2543, MAG);
        assertThat(f.r().peakMjd()).isCloseTo(58772.5328125, MJD);
        // latest two r: 17.5263 at jd 2458800.9242014, 17.4711 at jd 2458799.9778125
        assertThat(f.r().rateSincePrevious()).isCloseTo(0.05832758, RATE);
        assertThat(f.r().rateSincePeak()).isCloseTo(0.04560552, RATE);

        assertNoDetections(f, "u", "i", "z", "y");
    }

    @Test
    void shouldCountNegativeDetectionsButLeaveThemOutOfMagnitudeFeatures() throws Exception {
        // ZTF18abudxnw (schema 4.02): alert in r at jd 2460449.8784606 with isdiffpos f; 7 earlier detections, of
        // which only r 16.8002 at jd 2460423.9562384 is positive; 3 upper limits and 10 forced points do not count
        ObjectFeatures f = features("ztf/alerts/misc/boom_2695378462115010012.v4_02.avro");

        assertThat(f.nDetections()).isEqualTo(8);
        assertThat(f.nPositive()).isEqualTo(1);
        assertThat(f.nDetections7d()).isEqualTo(3);
        assertThat(f.nDetections14d()).isEqualTo(5);
        assertThat(f.firstMjd()).isCloseTo(60423.4562384, MJD);
        assertThat(f.daysSinceFirstDetection()).isCloseTo(25.9222222, MJD);
        assertThat(f.colourGR()).isNaN();
        assertThat(f.rateSincePrevious()).isNaN();
        assertThat(f.rateSincePeak()).isNaN();
        assertThat(f.peakMagnitude()).isCloseTo(16.8002, MAG);

        assertThat(f.g().nDetections()).isEqualTo(4);
        assertThat(f.g().nPositive()).isZero();
        assertThat(f.g().nDetections7d()).isEqualTo(2);
        assertThat(f.g().nDetections14d()).isEqualTo(3);
        assertThat(f.g().lastMjd()).isCloseTo(60447.4202778, MJD);
        assertThat(f.g().latestMagnitude()).isNaN();
        assertThat(f.g().peakMagnitude()).isNaN();
        assertThat(f.r().nDetections()).isEqualTo(4);
        assertThat(f.r().nPositive()).isEqualTo(1);
        assertThat(f.r().lastMjd()).isCloseTo(60449.3784606, MJD);
        assertThat(f.r().latestMagnitude()).isCloseTo(16.8002, MAG);
        assertThat(f.r().peakMjd()).isCloseTo(60423.4562384, MJD);
        assertThat(f.r().rateSincePrevious()).isNaN();
        assertThat(f.r().rateSincePeak()).isNaN();
        assertNoDetections(f, "u", "i", "z", "y");
    }

    @Test
    void shouldKeepTotalsOverHistoryLaterThanTheAlert() throws Exception {
        // ZTF17aaajnnn (schema 2.0 sample): alert in r at jd 2458226.7635764, 18.37224; its 62 prv_candidates
        // detections are all LATER (jd 2458242.7 to 2458267.8), so "latest" features come from them while the
        // windows around the alert hold only itself and the alert has no earlier r detection
        ObjectFeatures f = features("ztf/alerts/ztf-avro-alert/v2.0/472263571115095000.avro");

        assertThat(f.nDetections()).isEqualTo(63);
        assertThat(f.nPositive()).isEqualTo(20);
        assertThat(f.nDetections7d()).isEqualTo(1);
        assertThat(f.nDetections14d()).isEqualTo(1);
        assertThat(f.firstMjd()).isCloseTo(58226.2635764, MJD);
        assertThat(f.lastMjd()).isCloseTo(58267.3215162, MJD);
        assertThat(f.daysSinceFirstDetection()).isZero();
        assertThat(f.rateSincePrevious()).isNaN();
        // (18.37224 - 16.9563) / (58226.2635764 - 58242.2949769): the r peak is 16 days later
        assertThat(f.rateSincePeak()).isCloseTo(-0.08832287, RATE);
        assertThat(f.peakMagnitude()).isCloseTo(16.9563, MAG);
        assertThat(f.colourGR()).isNaN();

        assertThat(f.g().nDetections()).isEqualTo(29);
        assertThat(f.g().nPositive()).isEqualTo(2);
        assertThat(f.g().latestMagnitude()).isCloseTo(18.8361, MAG);
        assertThat(f.g().peakMagnitude()).isCloseTo(16.9194, MAG);
        assertThat(f.g().rateSincePrevious()).isCloseTo(0.24259613, RATE);
        assertThat(f.r().nDetections()).isEqualTo(34);
        assertThat(f.r().nPositive()).isEqualTo(18);
        assertThat(f.r().latestMagnitude()).isCloseTo(17.9063, MAG);
        assertThat(f.r().peakMjd()).isCloseTo(58242.2949769, MJD);
        assertThat(f.r().rateSincePrevious()).isCloseTo(0.48683437, RATE);
        assertThat(f.r().rateSincePeak()).isCloseTo(0.03795966, RATE);
    }

    @Test
    void shouldComputeTheFeaturesOfTheRubinSampleWithHistory() throws Exception {
        // alert_packet sample (schema 11.1): r band at MJD 60902.993305483615 and two prvDiaSources a day and two
        // days earlier, each psfFlux 1241 nJy: 31.4 - 2.5 log10(1241) = 23.665571 three times, so every rate is 0
        // and the peak is the earliest of the three
        ObjectFeatures f = features("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");

        assertThat(f.nDetections()).isEqualTo(3);
        assertThat(f.nPositive()).isEqualTo(3);
        assertThat(f.nDetections7d()).isEqualTo(3);
        assertThat(f.nDetections14d()).isEqualTo(3);
        assertThat(f.firstMjd()).isEqualTo(60900.993305483615);
        assertThat(f.lastMjd()).isEqualTo(60902.993305483615);
        assertThat(f.daysSinceFirstDetection()).isCloseTo(2.0, MJD);
        assertThat(f.rateSincePrevious()).isZero();
        assertThat(f.rateSincePeak()).isZero();
        assertThat(f.peakMagnitude()).isCloseTo(23.665571, MAG);
        assertThat(f.colourGR()).isNaN();
        assertThat(f.r().latestMagnitude()).isCloseTo(23.665571, MAG);
        assertThat(f.r().latestFluxNJy()).isEqualTo(1241.0);
        assertThat(f.r().peakMjd()).isEqualTo(60900.993305483615);
        assertThat(f.r().rateSincePrevious()).isZero();
        assertThat(f.r().rateSincePeak()).isZero();
        assertNoDetections(f, "u", "g", "i", "z", "y");
    }

    @Test
    void shouldCountANegativeRubinDetectionWithoutMagnitudeFeatures() throws Exception {
        // boom's Rubin alert (schema 9.0): one r diaSource at MJD 60961.23309222222, psfFlux -1230.2758 nJy; no
        // earlier sources
        ObjectFeatures f = features("rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin");

        assertThat(f.nDetections()).isEqualTo(1);
        assertThat(f.nPositive()).isZero();
        assertThat(f.nDetections7d()).isEqualTo(1);
        assertThat(f.firstMjd()).isEqualTo(60961.23309222222);
        assertThat(f.lastMjd()).isEqualTo(60961.23309222222);
        assertThat(f.daysSinceFirstDetection()).isZero();
        assertThat(f.peakMagnitude()).isNaN();
        assertThat(f.rateSincePrevious()).isNaN();
        assertThat(f.rateSincePeak()).isNaN();
        assertThat(f.r().nDetections()).isEqualTo(1);
        assertThat(f.r().latestMagnitude()).isNaN();
        assertThat(f.r().latestFluxNJy()).isNaN();
        assertThat(f.r().peakMagnitude()).isNaN();
    }

    @Test
    void shouldGiveTheSameFeaturesFromTheCompactAlert() throws Exception {
        for (String file : new String[] {"ztf/alerts/misc/fink-alert-schemas_template_schema_ZTF_3p3.avro",
                "ztf/alerts/misc/boom_2695378462115010012.v4_02.avro",
                "rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin"}) {
            var full = decoder.decode(SharedData.bytes(file));
            var compact = decoder.decode(CompactAlerts.encode(full));

            assertThat(calculator.update(null, compact)).as(file).isEqualTo(calculator.update(null, full));
        }
    }

    private ObjectFeatures features(String file) throws Exception {
        return calculator.update(null, decoder.decode(SharedData.bytes(file))).features();
    }

    private static void assertNoDetections(ObjectFeatures f, String... bands) {
        for (String band : bands) {
            assertThat(f.band(band)).as(band).isEqualTo(BandFeatures.NONE);
        }
    }
}
