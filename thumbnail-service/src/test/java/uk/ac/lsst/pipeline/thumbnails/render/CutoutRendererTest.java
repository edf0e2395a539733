package uk.ac.lsst.pipeline.thumbnails.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.alert.CutoutEncoding;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.replay.AlertFile;
import uk.ac.lsst.pipeline.replay.AlertFiles;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.thumbnails.TestAlerts;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutDecoder;
import uk.ac.lsst.pipeline.thumbnails.image.DecodedCutout;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

/** Every cutout of every alert in the shared data renders to a readable, correctly sized, non-blank image. */
class CutoutRendererTest {
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final CutoutRenderer jpeg = new CutoutRenderer(RenderOptions.defaults(), MAX_BYTES);
    private final CutoutRenderer png = new CutoutRenderer(
            new RenderOptions(ImageFormat.PNG, 100, Stretch.ASINH, 90), MAX_BYTES);

    @AfterEach
    void close() {
        jpeg.close();
        png.close();
    }

    static Stream<Arguments> alertFiles() {
        List<AlertFile> files = AlertFiles.discover(List.of(SharedData.path("ztf/alerts"),
                SharedData.path("rubin/alerts")));
        return files.stream().map(f -> Arguments.of(SharedData.name(f.path()), f.path()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertFiles")
    void shouldRenderEveryCutoutOfEveryAlert(String name, Path file) throws Exception {
        Alert alert = TestAlerts.decode(SharedData.bytes(file));
        for (CutoutKind kind : CutoutKind.values()) {
            Optional<Cutout> cutout = alert.cutout(kind);
            if (cutout.isEmpty()) {
                assertThat(name).as("only the synthetic Rubin samples lack cutouts").contains("pittgoogle");
                continue;
            }
            for (CutoutRenderer renderer : List.of(jpeg, png)) {
                check(cutout.get(), renderer.render(cutout.get()), renderer.options());
            }
        }
    }

    private static void check(Cutout cutout, RenderedCutout rendered, RenderOptions options) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendered.bytes()));
        assertThat(image).as("%s decodes with ImageIO", cutout.kind()).isNotNull();
        assertThat(image.getWidth()).isEqualTo(rendered.width());
        assertThat(image.getHeight()).isEqualTo(rendered.height());
        if (cutout.encoding() == CutoutEncoding.JPEG) {
            assertThat(rendered.bytes()).isSameAs(cutout.data());
            assertThat(rendered.scaling()).isEqualTo("none");
            return;
        }
        Pixels pixels = ((DecodedCutout.Image) new CutoutDecoder(MAX_BYTES).decode(cutout.data())).pixels();
        assertThat(rendered.format()).isEqualTo(options.format());
        assertThat(new int[] {rendered.width(), rendered.height()})
                .containsExactly(Renderer.outputSize(pixels.width(), pixels.height(), options.sizePx()));
        assertThat(Math.max(rendered.width(), rendered.height())).isEqualTo(options.sizePx());
        if (cutout.kind() == CutoutKind.DIFFERENCE) {
            assertThat(rendered.limits().vmin()).isEqualTo(-rendered.limits().vmax());
            assertThat(rendered.scaling()).isEqualTo("zscale-symmetric");
        }
        if (distinctFiniteValues(pixels) > 1 && rendered.limits().vmax() > rendered.limits().vmin()) {
            assertThat(greyLevels(image)).as("%s is not blank", cutout.kind()).hasSizeGreaterThan(1);
        }
    }

    @Test
    void shouldDescribeTheLimitsAndBlanksOfARealCutout() throws Exception {
        Alert alert = TestAlerts.decode(TestAlerts.bytes(TestAlerts.RUBIN));

        RenderedCutout science = jpeg.render(alert.cutout(CutoutKind.SCIENCE).orElseThrow());

        assertThat(science.cutoutWidth()).isEqualTo(50);
        assertThat(science.width()).isEqualTo(189);
        assertThat(science.unit()).isEqualTo("nJy");
        assertThat(science.blankPixels()).isEqualTo(100);
        assertThat(science.stretch()).isEqualTo("linear");
        assertThat(science.limits().vmin()).isCloseTo(-145.179, org.assertj.core.api.Assertions.within(1e-3));
    }

    private static long distinctFiniteValues(Pixels pixels) {
        Set<Float> values = new HashSet<>();
        for (int i = 0; i < pixels.count() && values.size() < 2; i++) {
            if (Float.isFinite(pixels.data()[i])) {
                values.add(pixels.data()[i]);
            }
        }
        return values.size();
    }

    private static Set<Integer> greyLevels(BufferedImage image) {
        Set<Integer> levels = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - g) <= 8 && Math.abs(g - b) <= 8) {
                    levels.add(g);
                }
            }
        }
        return levels;
    }
}
