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
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.thumbnails.TestAlerts;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutDecoder;
import uk.ac.lsst.pipeline.thumbnails.image.DecodedCutout;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

/** Every cutout of every alert in the shared data renders to a readable, correctly sized, non-blank image. */
class CutoutRendererTest {
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    /** The defaults: JPEG of the cutout's own size. */
    private final CutoutRenderer jpeg = new CutoutRenderer(RenderOptions.defaults(), MAX_BYTES);
    private final CutoutRenderer enlarged = new CutoutRenderer(
            new RenderOptions(ImageFormat.JPEG, 189, Stretch.LINEAR, 90), MAX_BYTES);
    private final CutoutRenderer png = new CutoutRenderer(
            new RenderOptions(ImageFormat.PNG, 100, Stretch.ASINH, 90), MAX_BYTES);

    @AfterEach
    void close() {
        jpeg.close();
        enlarged.close();
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
            for (CutoutRenderer renderer : List.of(jpeg, enlarged, png)) {
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
        if (options.sizePx() == RenderOptions.CUTOUT_SIZE) {
            assertThat(new int[] {rendered.width(), rendered.height()})
                    .containsExactly(pixels.width(), pixels.height());
        } else {
            assertThat(Math.max(rendered.width(), rendered.height())).isEqualTo(options.sizePx());
        }
        if (cutout.kind() == CutoutKind.DIFFERENCE) {
            assertThat(rendered.limits().vmin()).isEqualTo(-rendered.limits().vmax());
            assertThat(rendered.scaling()).isEqualTo("zscale-symmetric");
        }
        if (distinctFiniteValues(pixels) > 1 && rendered.limits().vmax() > rendered.limits().vmin()) {
            assertThat(greyLevels(image)).as("%s is not blank", cutout.kind()).hasSizeGreaterThan(1);
        }
        if (options.format() == ImageFormat.JPEG) {
            checkSameAsImageIo(pixels, rendered, options);
        }
    }

    /**
     * A grey JPEG, encoded from the levels without making the enlarged image, has the bytes ImageIO writes for the
     * image {@link Renderer} makes; a cutout with blank pixels is an RGB image showing them in the blank colour.
     */
    private static void checkSameAsImageIo(Pixels pixels, RenderedCutout rendered, RenderOptions options)
            throws IOException {
        BufferedImage made = new Renderer(options.sizePx(), options.stretch()).render(pixels, rendered.limits());
        if (rendered.blankPixels() == 0) {
            assertThat(made.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            byte[] levels = ((java.awt.image.DataBufferByte) made.getRaster().getDataBuffer()).getData();
            assertThat(rendered.bytes()).isEqualTo(GreyJpegEncoderTest.imageIo(levels, made.getWidth(),
                    made.getHeight(), options.jpegQuality()));
            return;
        }
        assertThat(made.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(rendered.bytes()));
        assertThat(decoded.getRaster().getNumBands()).isEqualTo(3);
    }

    @Test
    void shouldDescribeTheLimitsAndBlanksOfARealCutout() throws Exception {
        Alert alert = TestAlerts.decode(TestAlerts.bytes(TestAlerts.RUBIN));

        RenderedCutout science = jpeg.render(alert.cutout(CutoutKind.SCIENCE).orElseThrow());

        assertThat(science.cutoutWidth()).isEqualTo(50);
        assertThat(science.width()).isEqualTo(50);
        assertThat(enlarged.render(alert.cutout(CutoutKind.SCIENCE).orElseThrow()).width()).isEqualTo(189);
        assertThat(science.unit()).isEqualTo("nJy");
        assertThat(science.blankPixels()).isEqualTo(100);
        assertThat(science.stretch()).isEqualTo("linear");
        assertThat(science.limits().vmin()).isCloseTo(-145.179, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void shouldDrawTheBlankPixelsOfARealCutoutInTheBlankColour() throws Exception {
        Alert alert = TestAlerts.decode(TestAlerts.bytes(TestAlerts.RUBIN));
        Cutout cutout = alert.cutout(CutoutKind.SCIENCE).orElseThrow();
        Pixels pixels = ((DecodedCutout.Image) new CutoutDecoder(MAX_BYTES).decode(cutout.data())).pixels();
        int blankX = -1;
        int blankY = -1;
        for (int i = 0; i < pixels.count() && blankX < 0; i++) {
            if (!Float.isFinite(pixels.data()[i])) {
                blankX = i % pixels.width();
                blankY = i / pixels.width();
            }
        }

        RenderedCutout science = jpeg.render(cutout);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(science.bytes()));
        double scale = (double) image.getWidth() / pixels.width();
        int x = (int) ((blankX + 0.5) * scale);
        int y = image.getHeight() - 1 - (int) ((blankY + 0.5) * scale);
        int rgb = image.getRGB(x, y);
        assertThat((rgb >> 16) & 0xff).isBetween(0x30 - 24, 0x30 + 24);
        assertThat((rgb >> 8) & 0xff).isBetween(0x70 - 24, 0x70 + 24);
        assertThat(rgb & 0xff).isBetween(0xE0 - 24, 0xE0 + 24);
    }

    @Test
    void shouldRenderTheSameBytesOnConcurrentThreadsEachWithItsOwnRenderer() throws Exception {
        List<Cutout> cutouts = new java.util.ArrayList<>();
        for (String file : List.of(TestAlerts.ZTF, TestAlerts.RUBIN, TestAlerts.RUBIN_WIRE)) {
            Alert alert = TestAlerts.decode(TestAlerts.bytes(file));
            for (CutoutKind kind : CutoutKind.values()) {
                alert.cutout(kind).ifPresent(cutouts::add);
            }
        }
        List<byte[]> expected = new java.util.ArrayList<>();
        for (Cutout c : cutouts) {
            expected.add(jpeg.render(c).bytes());
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<byte[]>>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(threads.submit(() -> {
                    List<byte[]> rendered = new java.util.ArrayList<>();
                    try (CutoutRenderer own = new CutoutRenderer(RenderOptions.defaults(), MAX_BYTES)) {
                        for (int round = 0; round < 20; round++) {
                            rendered.clear();
                            for (Cutout c : cutouts) {
                                rendered.add(own.render(c).bytes());
                            }
                        }
                    }
                    return rendered;
                }));
            }
            for (java.util.concurrent.Future<List<byte[]>> result : results) {
                List<byte[]> rendered = result.get(5, java.util.concurrent.TimeUnit.MINUTES);
                for (int i = 0; i < cutouts.size(); i++) {
                    assertThat(rendered.get(i)).as("cutout %d", i).isEqualTo(expected.get(i));
                }
            }
        } finally {
            threads.shutdownNow();
        }
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
