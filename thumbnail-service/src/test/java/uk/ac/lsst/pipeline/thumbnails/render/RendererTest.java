package uk.ac.lsst.pipeline.thumbnails.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.thumbnails.image.Pixels;

class RendererTest {

    @Test
    void shouldShowFitsRowZeroAtTheBottomAndEnlargeByNearestNeighbour() {
        // FITS rows: row 0 = {0, 1}, row 1 = {2, 3}
        Pixels pixels = Pixels.of(2, 2, 0, 1, 2, 3);

        BufferedImage image = new Renderer(8, Stretch.LINEAR).render(pixels, new Limits(0, 3));

        assertThat(image.getWidth()).isEqualTo(8);
        assertThat(image.getHeight()).isEqualTo(8);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        int[][] expected = {{170, 255}, {0, 85}}; // top row shows FITS row 1
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(grey(image, x, y)).as("(%d, %d)", x, y).isEqualTo(expected[y / 4][x / 4]);
            }
        }
    }

    @Test
    void shouldClipToTheLimits() {
        Pixels pixels = Pixels.of(3, 1, -100, 50, 1e6f);

        BufferedImage image = new Renderer(3, Stretch.LINEAR).render(pixels, new Limits(0, 100));

        assertThat(grey(image, 0, 0)).isZero();
        assertThat(grey(image, 1, 0)).isEqualTo(128);
        assertThat(grey(image, 2, 0)).isEqualTo(255);
    }

    @Test
    void shouldDrawBlankPixelsInTheFixedColour() {
        Pixels pixels = Pixels.of(2, 1, Float.NaN, 10);

        BufferedImage image = new Renderer(2, Stretch.LINEAR).render(pixels, new Limits(0, 10));

        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(Renderer.NON_FINITE_RGB);
        assertThat(image.getRGB(1, 0) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void shouldKeepTheAspectRatioOfEdgeCutouts() {
        assertThat(Renderer.outputSize(63, 41, 189)).containsExactly(189, 123);
        assertThat(Renderer.outputSize(41, 63, 189)).containsExactly(123, 189);
        assertThat(Renderer.outputSize(30, 30, 189)).containsExactly(189, 189);

        BufferedImage image = new Renderer(189, Stretch.LINEAR).render(Pixels.of(63, 41, new float[63 * 41]),
                new Limits(0, 1));
        assertThat(image.getWidth()).isEqualTo(189);
        assertThat(image.getHeight()).isEqualTo(123);
    }

    @Test
    void shouldBrightenFaintValuesWithAsinh() {
        Pixels pixels = Pixels.of(1, 1, 10);

        int linear = grey(new Renderer(1, Stretch.LINEAR).render(pixels, new Limits(0, 100)), 0, 0);
        int asinh = grey(new Renderer(1, Stretch.ASINH).render(pixels, new Limits(0, 100)), 0, 0);

        assertThat(linear).isEqualTo(26);
        // asinh(0.1 / 0.1) / asinh(10) = 0.8814 / 2.9982 = 0.294 -> 75
        assertThat(asinh).isEqualTo(75);
    }

    @Test
    void shouldDrawEveryFinitePixelBlackWhenTheLimitsAreEqual() {
        BufferedImage image = new Renderer(2, Stretch.LINEAR).render(Pixels.of(2, 1, 5, 5), new Limits(5, 5));

        assertThat(grey(image, 0, 0)).isZero();
        assertThat(grey(image, 1, 0)).isZero();
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }
}
