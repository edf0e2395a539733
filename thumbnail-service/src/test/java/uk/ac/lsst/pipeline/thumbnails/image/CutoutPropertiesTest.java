package uk.ac.lsst.pipeline.thumbnails.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.thumbnails.TestAlerts;
import uk.ac.lsst.pipeline.thumbnails.TestFits;
import uk.ac.lsst.pipeline.thumbnails.render.CutoutRenderer;
import uk.ac.lsst.pipeline.thumbnails.render.Limits;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.ZScale;

/** Damaged cutouts only ever give a typed CutoutException; zscale limits stay within the data. Seeded. */
class CutoutPropertiesTest {
    private static final byte[] ZTF_FITS = TestFits.gzip(ungzip(CutoutDecoderTest.cutout(TestAlerts.ZTF,
            CutoutKind.SCIENCE)));
    private static final byte[] RUBIN_FITS = CutoutDecoderTest.cutout(TestAlerts.RUBIN, CutoutKind.DIFFERENCE);

    @Property(seed = "20261126", tries = 300)
    void damagedCutoutsRenderOrFailWithACutoutException(@ForAll("damaged") byte[] bytes) {
        try (CutoutRenderer renderer = new CutoutRenderer(RenderOptions.defaults(), 1 << 20)) {
            try {
                assertThat(renderer.render(CutoutKind.SCIENCE, bytes).bytes()).isNotEmpty();
            } catch (CutoutException e) {
                assertThat(e.reason()).isNotNull();
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @Property(seed = "20261126", tries = 200)
    void zscaleLimitsLieWithinTheFiniteData(@ForAll("images") float[] values) {
        Limits limits = new ZScale().limits(values, values.length);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            assertThat(limits.isDefined()).isFalse();
        } else {
            assertThat(limits.vmin()).isBetween((double) min, (double) max);
            assertThat(limits.vmax()).isBetween(limits.vmin(), (double) max);
        }
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        Arbitrary<byte[]> source = Arbitraries.of(ZTF_FITS, RUBIN_FITS, ungzip(ZTF_FITS));
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Integer> value = Arbitraries.integers().between(0, 255);
        Arbitrary<Integer> operation = Arbitraries.integers().between(0, 2);
        return Combinators.combine(source, position, value, operation).as((bytes, at, v, op) -> {
            byte[] copy = bytes.clone();
            int i = at % copy.length;
            return switch (op) {
                case 0 -> {
                    copy[i] = (byte) v.intValue();
                    yield copy;
                }
                case 1 -> Arrays.copyOf(copy, i);
                default -> {
                    for (int j = i; j < Math.min(copy.length, i + 80); j++) {
                        copy[j] = (byte) (v + j);
                    }
                    yield copy;
                }
            };
        });
    }

    @Provide
    Arbitrary<float[]> images() {
        Arbitrary<Float> pixel = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(20, Arbitraries.floats().between(-1000, 1000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, 1e6f, -1e6f)));
        return pixel.array(float[].class).ofMinSize(0).ofMaxSize(5000);
    }

    private static byte[] ungzip(byte[] gz) {
        try {
            return new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz)).readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
