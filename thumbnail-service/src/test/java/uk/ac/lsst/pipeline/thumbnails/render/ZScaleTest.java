package uk.ac.lsst.pipeline.thumbnails.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.thumbnails.TestAlerts;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutDecoder;
import uk.ac.lsst.pipeline.thumbnails.image.DecodedCutout;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

class ZScaleTest {
    private final ZScale zscale = new ZScale();

    /**
     * Reference limits computed independently with astropy 5.2.1 (Debian python3-astropy, numpy 1.24):
     * {@code ZScaleInterval().get_limits(data)} on the primary HDU of each cutout as {@code astropy.io.fits.getdata}
     * reads it (rows = NAXIS2), cast to float32, with fill values |v| >= 1e30 set to NaN first (as this stage reads
     * them; only the ZTF template 472263571115090000 has any: -3.4e38 off-chip).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "ztf/alerts/fink-broker-2018-12-03-v3.2/697252845015010002.avro, SCIENCE, 69.08096313476562, 103.91622924804688",
            "ztf/alerts/fink-broker-2018-12-03-v3.2/697252845015010002.avro, TEMPLATE, 80.92181396484375, 90.3392003593007",
            "ztf/alerts/fink-broker-2018-12-03-v3.2/697252845015010002.avro, DIFFERENCE, -17.389245986938477, 15.471318244934082",
            "ztf/alerts/ztf-avro-alert/v1.8/396522680015040001.avro, SCIENCE, 228.9196152694148, 302.712646484375",
            "ztf/alerts/ztf-avro-alert/v2.0/472263571115090000.avro, TEMPLATE, 194.0804443359375, 208.42005920410156",
            "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432734265405_169298432734265405.avro, SCIENCE, -145.17935180664062, 510.8361063958353",
            "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432734265405_169298432734265405.avro, DIFFERENCE, -327.6548787569897, 332.2360672843353",
            "rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin, TEMPLATE, 46.46703338623047, 703.9461733884573"})
    void shouldAgreeWithAstropyOnRealCutouts(String file, CutoutKind kind, double vmin, double vmax)
            throws Exception {
        byte[] stamp = TestAlerts.decode(TestAlerts.bytes(file)).cutout(kind).orElseThrow().data();
        Pixels pixels = ((DecodedCutout.Image) new CutoutDecoder(4 << 20).decode(stamp)).pixels();

        Limits limits = zscale.limits(pixels.data(), pixels.count());

        assertThat(limits.vmin()).isCloseTo(vmin, within(1e-4 * Math.max(1, Math.abs(vmin))));
        assertThat(limits.vmax()).isCloseTo(vmax, within(1e-4 * Math.max(1, Math.abs(vmax))));
    }

    /**
     * Synthetic data, same astropy: {@code v[i] = (i * 7919) % 1000 + (100000 if i % 97 == 0 else 0)} for i in
     * 0..4999 (5000 values: stride 5, 1000 samples, outliers rejected), and the same with every third value NaN.
     */
    @Test
    void shouldAgreeWithAstropyOnSyntheticDataWithOutliersAndNans() {
        float[] v = new float[5000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7919) % 1000 + (i % 97 == 0 ? 100000 : 0);
        }
        Limits limits = zscale.limits(v, v.length);
        assertThat(limits.vmin()).isEqualTo(0.0);
        assertThat(limits.vmax()).isCloseTo(2530.1202515058453, within(1e-6));

        for (int i = 0; i < v.length; i += 3) {
            v[i] = Float.NaN;
        }
        Limits withNans = zscale.limits(v, v.length);
        assertThat(withNans.vmin()).isEqualTo(0.0);
        assertThat(withNans.vmax()).isCloseTo(2533.4816186696253, within(1e-6));
    }

    /**
     * Derived by hand: a ramp 0..99 is fitted exactly (slope 1, nothing rejected); the slope / contrast is 4 and
     * median 49.5, so the limits 49.5 - 48 * 4 and 49.5 + 51 * 4 lie outside the data and are clipped to its
     * minimum and maximum (astropy gives (0.0, 99.0) too).
     */
    @Test
    void shouldClipRampLimitsToTheData() {
        float[] ramp = new float[100];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        assertThat(zscale.limits(ramp, ramp.length)).isEqualTo(new Limits(0, 99));
    }

    /** By hand: fewer than 5 samples cannot be fitted: the limits are their minimum and maximum. */
    @Test
    void shouldUseMinAndMaxOfFewerThanFiveSamples() {
        assertThat(zscale.limits(new float[] {3, 1, 4, 1}, 4)).isEqualTo(new Limits(1, 4));
    }

    /**
     * By hand: 2000 values alternating 0, 1000 are sampled with stride 2 (2000 / 1000), i.e. only the zeros, so
     * the limits are (0, 0): this pins astropy's sampling of every stride-th finite value in row-major order.
     */
    @Test
    void shouldSampleEveryStrideThFiniteValue() {
        float[] alternating = new float[2000];
        for (int i = 1; i < alternating.length; i += 2) {
            alternating[i] = 1000;
        }
        assertThat(zscale.limits(alternating, alternating.length)).isEqualTo(new Limits(0, 0));
    }

    @Test
    void shouldGiveConstantLimitsForConstantImageAndNoneWithoutFinitePixels() {
        float[] zeros = new float[63 * 63];
        assertThat(zscale.limits(zeros, zeros.length)).isEqualTo(new Limits(0, 0));

        float[] nans = new float[100];
        Arrays.fill(nans, Float.NaN);
        nans[7] = Float.POSITIVE_INFINITY;
        Limits none = zscale.limits(nans, nans.length);
        assertThat(none.isDefined()).isFalse();
        assertThat(none.symmetric().isDefined()).isFalse();
    }

    @Test
    void shouldOnlyLookAtTheFirstCountValues() {
        float[] data = {5, 5, 5, 5, 5, 5, 1e9f, -1e9f};
        assertThat(zscale.limits(data, 6)).isEqualTo(new Limits(5, 5));
    }

    @Test
    void shouldMakeSymmetricLimitsAboutZero() {
        assertThat(new Limits(-17.5, 15).symmetric()).isEqualTo(new Limits(-17.5, 17.5));
        assertThat(new Limits(2, 3).symmetric()).isEqualTo(new Limits(-3, 3));
    }

    @Test
    void shouldSortSamplesAsArraysSortDoes() {
        java.util.Random random = new java.util.Random(20181203);
        float[] special = {0.0f, -0.0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-40f, -1e-40f, 1f, -1f};
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(1000);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (trial % 4) {
                    case 0 -> (float) (100 + 5 * random.nextGaussian());
                    case 1 -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
                    case 2 -> special[random.nextInt(special.length)];
                    default -> random.nextInt(5) - 2;
                };
            }
            float[] expected = Arrays.copyOf(values, n);
            Arrays.sort(expected);

            ZScale.sort(values, n, new int[n], new int[n], new int[256]);

            for (int i = 0; i < n; i++) {
                assertThat(Float.floatToRawIntBits(values[i])).as("trial %d, index %d", trial, i)
                        .isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }
}
