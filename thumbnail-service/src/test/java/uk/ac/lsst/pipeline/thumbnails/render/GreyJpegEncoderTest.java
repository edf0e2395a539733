package uk.ac.lsst.pipeline.thumbnails.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GreyJpegEncoderTest {

    @ParameterizedTest
    @CsvSource({
        "189, 189, 90", "189, 123, 90", "123, 189, 90", "63, 63, 90", "1, 1, 90", "8, 8, 90", "9, 17, 90",
        "189, 189, 1", "189, 189, 25", "189, 189, 50", "189, 189, 75", "189, 189, 95", "189, 189, 100",
        "256, 256, 90", "2048, 3, 90"})
    void shouldWriteExactlyTheBytesOfTheImageIoWriter(int width, int height, int quality) throws IOException {
        Random random = new Random(width * 31L + height * 7L + quality);
        for (byte[] pixels : new byte[][] {noise(random, width, height), blocky(random, width, height, 3),
                smooth(width, height), constant(width, height, (byte) 200)}) {
            byte[] expected = imageIo(pixels, width, height, quality);

            byte[] actual = new GreyJpegEncoder(quality).encode(pixels, width, height);

            assertThat(actual).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource({"63, 63, 189, 189", "63, 41, 189, 123", "63, 63, 126, 126", "63, 63, 100, 100", "30, 30, 189, 189",
        "63, 63, 63, 63", "5, 3, 2048, 1229", "1, 1, 8, 8"})
    void shouldEncodeANearestNeighbourEnlargementAsTheImageIoWriterEncodesTheEnlargedImage(
            int sourceWidth, int sourceHeight, int width, int height) throws IOException {
        byte[] source = noise(new Random(sourceWidth * 7L + width), sourceWidth, sourceHeight);
        int[] column = new int[width];
        for (int x = 0; x < width; x++) {
            column[x] = (int) ((long) x * sourceWidth / width);
        }
        int[] rowStart = new int[height];
        for (int y = 0; y < height; y++) {
            rowStart[y] = (sourceHeight - 1 - (int) ((long) y * sourceHeight / height)) * sourceWidth;
        }
        byte[] enlarged = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                enlarged[y * width + x] = source[rowStart[y] + column[x]];
            }
        }

        byte[] actual = new GreyJpegEncoder(90).encode(source, column, rowStart, width, height);

        assertThat(actual).isEqualTo(imageIo(enlarged, width, height, 90));
    }

    @Test
    void shouldUseTheQuantisationTableOfTheImageIoWriterAtEveryQuality() throws IOException {
        byte[] pixels = new byte[64];
        for (int quality = 1; quality <= 100; quality++) {
            byte[] expected = imageIo(pixels, 8, 8, quality);

            assertThat(new GreyJpegEncoder(quality).encode(pixels, 8, 8)).as("quality %d", quality)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldReuseItsBuffersForImagesOfAnySizeInTurn() throws IOException {
        GreyJpegEncoder encoder = new GreyJpegEncoder(90);
        Random random = new Random(42);
        // 1200 px of noise is a JPEG of more than the 1 MiB the encoder keeps: its buffer is dropped after it
        int[][] sizes = {{189, 189}, {13, 7}, {1200, 1200}, {189, 123}, {189, 189}};
        for (int[] size : sizes) {
            byte[] pixels = noise(random, size[0], size[1]);

            assertThat(encoder.encode(pixels, size[0], size[1])).isEqualTo(imageIo(pixels, size[0], size[1], 90));
        }
    }

    @Test
    void shouldDecodeBackToTheImageWithinJpegTolerance() throws IOException {
        byte[] pixels = blocky(new Random(7), 189, 189, 3);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                new GreyJpegEncoder(90).encode(pixels, 189, 189)));

        assertThat(decoded.getWidth()).isEqualTo(189);
        assertThat(decoded.getHeight()).isEqualTo(189);
        long sumSquares = 0;
        for (int y = 0; y < 189; y++) {
            for (int x = 0; x < 189; x++) {
                int d = (decoded.getRaster().getSample(x, y, 0)) - (pixels[y * 189 + x] & 0xff);
                sumSquares += (long) d * d;
            }
        }
        assertThat(Math.sqrt(sumSquares / (189.0 * 189.0))).isLessThan(8.0);
    }

    @Test
    void shouldDivideExactlyByEveryQuantisationDivisorWithMultiplyAndShift() {
        for (int divisor = 8; divisor <= 255 * 8; divisor += 8) {
            int multiplier = GreyJpegEncoder.divisionMultiplier(divisor);
            int shift = GreyJpegEncoder.divisionShift(divisor);
            for (int t = 0; t < 1 << 15; t++) {
                if ((t * multiplier) >>> shift != t / divisor) {
                    throw new AssertionError(t + " / " + divisor);
                }
            }
        }
    }

    static byte[] imageIo(byte[] pixels, int width, int height, int quality) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(pixels, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0,
                width * height);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    private static byte[] noise(Random random, int width, int height) {
        byte[] pixels = new byte[width * height];
        random.nextBytes(pixels);
        return pixels;
    }

    /** A random image enlarged by nearest neighbour, as thumbnails are. */
    private static byte[] blocky(Random random, int width, int height, int factor) {
        byte[] small = noise(random, width, height);
        byte[] pixels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = small[(y / factor) * width + x / factor];
            }
        }
        return pixels;
    }

    private static byte[] smooth(int width, int height) {
        byte[] pixels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (byte) (128 + 100 * Math.sin(x / 9.0) * Math.cos(y / 13.0));
            }
        }
        return pixels;
    }

    private static byte[] constant(int width, int height, byte value) {
        byte[] pixels = new byte[width * height];
        java.util.Arrays.fill(pixels, value);
        return pixels;
    }
}
