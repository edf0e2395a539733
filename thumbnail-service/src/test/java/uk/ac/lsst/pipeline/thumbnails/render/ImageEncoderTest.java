package uk.ac.lsst.pipeline.thumbnails.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageEncoderTest {

    @Test
    void shouldEncodeGreyImagesAsTheImageIoWriterDoes() throws IOException {
        BufferedImage image = randomGrey(189, 123, 1);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();

        try (ImageEncoder encoder = new ImageEncoder(ImageFormat.JPEG, 90)) {
            assertThat(encoder.encode(image)).isEqualTo(GreyJpegEncoderTest.imageIo(pixels, 189, 123, 90));
        }
    }

    @Test
    void shouldEncodeAPartOfALargerGreyImage() throws IOException {
        BufferedImage whole = randomGrey(40, 30, 2);
        BufferedImage part = whole.getSubimage(5, 7, 20, 10);

        byte[] jpeg;
        try (ImageEncoder encoder = new ImageEncoder(ImageFormat.JPEG, 90)) {
            jpeg = encoder.encode(part);
        }

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(decoded.getWidth()).isEqualTo(20);
        assertThat(decoded.getHeight()).isEqualTo(10);
        byte[] expected = new byte[200];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                expected[y * 20 + x] = (byte) part.getRaster().getSample(x, y, 0);
            }
        }
        assertThat(jpeg).isEqualTo(GreyJpegEncoderTest.imageIo(expected, 20, 10, 90));
    }

    @Test
    void shouldKeepTheBlankColourOfRgbImages() throws IOException {
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, x < 32 ? Renderer.NON_FINITE_RGB : 0x808080);
            }
        }

        BufferedImage decoded;
        try (ImageEncoder encoder = new ImageEncoder(ImageFormat.JPEG, 90)) {
            decoded = ImageIO.read(new ByteArrayInputStream(encoder.encode(image)));
        }

        int blue = decoded.getRGB(8, 32);
        assertThat((blue >> 16) & 0xff).isBetween(0x30 - 8, 0x30 + 8);
        assertThat((blue >> 8) & 0xff).isBetween(0x70 - 8, 0x70 + 8);
        assertThat(blue & 0xff).isBetween(0xE0 - 8, 0xE0 + 8);
        assertThat(decoded.getRGB(56, 32) & 0xffffff).isEqualTo(0x808080);
    }

    private static BufferedImage randomGrey(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        new Random(seed).nextBytes(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return image;
    }

    @Test
    void shouldKeepTheColourOfASingleBlankPixelAtFullResolution() throws IOException {
        BufferedImage image = new BufferedImage(63, 41, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 41; y++) {
            for (int x = 0; x < 63; x++) {
                image.setRGB(x, y, 0x404040 + 0x010101 * ((x * 7 + y * 3) % 64));
            }
        }
        image.setRGB(20, 11, Renderer.NON_FINITE_RGB);

        BufferedImage decoded;
        try (ImageEncoder encoder = new ImageEncoder(ImageFormat.JPEG, 90)) {
            encoder.encode(new BufferedImage(17, 9, BufferedImage.TYPE_3BYTE_BGR));
            decoded = ImageIO.read(new ByteArrayInputStream(encoder.encode(image)));
        }

        assertThat(decoded.getWidth()).isEqualTo(63);
        assertThat(decoded.getHeight()).isEqualTo(41);
        // an isolated pixel's colour is damped by the quantisation of the chroma, but stays clearly blue
        int rgb = decoded.getRGB(20, 11);
        assertThat((rgb & 0xff) - Math.max((rgb >> 16) & 0xff, (rgb >> 8) & 0xff)).isGreaterThan(96);
        // its neighbours stay grey
        int right = decoded.getRGB(22, 11);
        assertThat(Math.abs(((right >> 16) & 0xff) - (right & 0xff))).isLessThan(24);
    }
}
