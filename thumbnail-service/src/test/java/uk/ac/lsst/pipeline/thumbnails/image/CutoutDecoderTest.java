package uk.ac.lsst.pipeline.thumbnails.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.NullDataHDU;
import nom.tam.fits.ImageHDU;
import nom.tam.fits.header.Standard;
import nom.tam.util.FitsOutputStream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.thumbnails.TestAlerts;
import uk.ac.lsst.pipeline.thumbnails.TestFits;

class CutoutDecoderTest {
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private final CutoutDecoder decoder = new CutoutDecoder(MAX_BYTES);

    @Test
    void shouldReadZtfGzippedFitsAsNomTamFitsReadsIt() throws Exception {
        byte[] stamp = cutout(TestAlerts.ZTF, CutoutKind.SCIENCE);

        Pixels pixels = image(decoder.decode(stamp));

        float[][] reference = (float[][]) primary(new GZIPInputStream(new ByteArrayInputStream(stamp))).getKernel();
        assertThat(pixels.width()).isEqualTo(63);
        assertThat(pixels.height()).isEqualTo(63);
        assertThat(pixels.unit()).isEqualTo("DN");
        for (int y = 0; y < 63; y++) {
            for (int x = 0; x < 63; x++) {
                assertThat(pixels.at(x, y)).isEqualTo(reference[y][x]);
            }
        }
    }

    @Test
    void shouldReadRubinPrimaryImageAndIgnoreUncertAndPsfImage() throws Exception {
        byte[] stamp = cutout(TestAlerts.RUBIN, CutoutKind.SCIENCE);

        Pixels pixels = image(decoder.decode(stamp));

        ImageHDU primary = primary(new ByteArrayInputStream(stamp));
        float[][] reference = (float[][]) primary.getKernel();
        assertThat(pixels.unit()).isEqualTo("nJy");
        assertThat(pixels.width()).isEqualTo(primary.getHeader().getIntValue(Standard.NAXIS1)).isEqualTo(50);
        assertThat(pixels.height()).isEqualTo(50);
        assertThat(pixels.blankCount()).isEqualTo(100);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 50; x++) {
                assertThat(Float.floatToIntBits(pixels.at(x, y))).isEqualTo(Float.floatToIntBits(reference[y][x]));
            }
        }
    }

    static Stream<Named<Object>> everyBitpix() {
        Random random = new Random(18);
        int w = 7;
        int h = 5;
        byte[][] b = new byte[h][w];
        short[][] s = new short[h][w];
        int[][] i = new int[h][w];
        long[][] l = new long[h][w];
        float[][] f = new float[h][w];
        double[][] d = new double[h][w];
        for (int y = 0; y < h; y++) {
            random.nextBytes(b[y]);
            for (int x = 0; x < w; x++) {
                s[y][x] = (short) random.nextInt();
                i[y][x] = random.nextInt(1 << 24) - (1 << 23);
                l[y][x] = random.nextInt(1 << 24) - (1 << 23);
                f[y][x] = (float) random.nextGaussian() * 1e3f;
                d[y][x] = random.nextGaussian() * 1e3;
            }
        }
        return Stream.of(Named.of("BITPIX 8", b), Named.of("BITPIX 16", s), Named.of("BITPIX 32", i),
                Named.of("BITPIX 64", l), Named.of("BITPIX -32", f), Named.of("BITPIX -64", d));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyBitpix")
    void shouldReadEveryBitpixAsNomTamFitsReadsIt(Object rows) throws Exception {
        byte[] fits = TestFits.image(rows, header -> header.addValue(Standard.BSCALE, 0.5));

        Pixels pixels = image(decoder.decode(fits));

        ImageHDU reference = primary(new ByteArrayInputStream(fits));
        assertThat(pixels.width()).isEqualTo(7);
        assertThat(pixels.height()).isEqualTo(5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                double raw = ((Number) java.lang.reflect.Array.get(java.lang.reflect.Array.get(reference.getKernel(),
                        y), x)).doubleValue();
                double expected = rows instanceof byte[][] ? 0.5 * ((int) raw & 0xff) : 0.5 * raw;
                assertThat(pixels.at(x, y)).as("(%d, %d)", x, y).isEqualTo((float) expected);
            }
        }
    }

    @Test
    void shouldFindTheImageExtensionAfterLongHeadersAndAnAuxiliaryPlane() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Fits fits = new Fits()) {
            BasicHDU<?> empty = new NullDataHDU();
            for (int card = 0; card < 120; card++) {
                empty.getHeader().insertHistory("provenance line " + card + " NAXIS1 = 999 END");
            }
            fits.addHDU(empty);
            BasicHDU<?> variance = Fits.makeHDU(TestFits.filled(4, 3, 9f));
            variance.getHeader().addValue(Standard.EXTNAME, "VARIANCE");
            fits.addHDU(variance);
            BasicHDU<?> image = Fits.makeHDU(TestFits.filled(6, 2, 2.5f));
            image.getHeader().addValue(Standard.EXTNAME, "IMAGE");
            image.getHeader().addValue("BUNIT", "nJy", "flux density");
            for (int card = 0; card < 80; card++) {
                image.getHeader().addValue("WCSKEY" + card, card * 0.25, "a card the reader passes over");
            }
            fits.addHDU(image);
            try (FitsOutputStream out = new FitsOutputStream(bytes)) {
                fits.write(out);
            }
        }

        Pixels pixels = image(decoder.decode(bytes.toByteArray()));

        assertThat(pixels.width()).isEqualTo(6);
        assertThat(pixels.height()).isEqualTo(2);
        assertThat(pixels.unit()).isEqualTo("nJy");
        assertThat(pixels.at(5, 1)).isEqualTo(2.5f);
    }

    @Test
    void shouldPassJpegCutoutsThroughWithTheirSize() throws Exception {
        byte[] jpeg = cutout(TestAlerts.ZTF_JPEG, CutoutKind.DIFFERENCE);

        DecodedCutout decoded = decoder.decode(jpeg);

        assertThat(decoded).isInstanceOfSatisfying(DecodedCutout.Jpeg.class, j -> {
            assertThat(j.bytes()).isSameAs(jpeg);
            assertThat(j.width()).isPositive();
            assertThat(j.height()).isPositive();
        });
    }

    @Test
    void shouldReadAllNanAndAllZeroImages() throws Exception {
        Pixels nan = image(decoder.decode(TestFits.gzip(TestFits.image(TestFits.filled(63, 63, Float.NaN)))));
        assertThat(nan.blankCount()).isEqualTo(63 * 63);

        Pixels zero = image(decoder.decode(TestFits.image(TestFits.filled(30, 20, 0f))));
        assertThat(zero.width()).isEqualTo(30);
        assertThat(zero.height()).isEqualTo(20);
        assertThat(zero.blankCount()).isZero();
        assertThat(Arrays.copyOf(zero.data(), zero.count())).containsOnly(0f);
    }

    @Test
    void shouldTreatZtfFillValuesAsBlank() throws Exception {
        float[][] rows = TestFits.filled(4, 3, 7f);
        rows[1][2] = -Float.MAX_VALUE;
        rows[2][0] = Float.POSITIVE_INFINITY;

        Pixels pixels = image(decoder.decode(TestFits.image(rows)));

        assertThat(pixels.at(2, 1)).isNaN();
        assertThat(pixels.at(0, 2)).isNaN();
        assertThat(pixels.blankCount()).isEqualTo(2);
        assertThat(pixels.at(0, 0)).isEqualTo(7f);
    }

    @Test
    void shouldApplyBscaleBzeroAndBlankToIntegerImages() throws Exception {
        short[][] rows = {{0, 1, 2}, {-32768, 100, 3}};
        byte[] fits = TestFits.image(rows, h -> {
            h.addValue(Standard.BSCALE, 0.5);
            h.addValue(Standard.BZERO, 10.0);
            h.addValue(Standard.BLANK, -32768);
        });

        Pixels pixels = image(decoder.decode(fits));

        assertThat(pixels.at(0, 0)).isEqualTo(10f);
        assertThat(pixels.at(2, 0)).isEqualTo(11f);
        assertThat(pixels.at(0, 1)).isNaN();
        assertThat(pixels.at(1, 1)).isEqualTo(60f);
    }

    @Test
    void shouldRejectCubesAsUnsupported() {
        float[][][] cube = new float[2][5][5];

        CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(TestFits.image(cube)));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.UNSUPPORTED);
        assertThat(e.getMessage()).contains("NAXIS3=2");
    }

    @ParameterizedTest(name = "FITS cut to {0}% of its data")
    @ValueSource(ints = {1, 2, 5, 10, 25, 50, 60, 75, 90, 99})
    void shouldRejectTruncatedFitsAsCorrupt(int percent) throws Exception {
        byte[] gz = cutout(TestAlerts.ZTF, CutoutKind.TEMPLATE);
        byte[] ztf = new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes();
        byte[] rubin = cutout(TestAlerts.RUBIN, CutoutKind.TEMPLATE);
        // up to the end of the last HDU's data; its padding may be missing (see the test below)
        int ztfEnd = 2880 + 63 * 63 * 4;
        int rubinEnd = rubin.length - (2880 - 47 * 47 * 8 % 2880) % 2880; // its PSFIMAGE is 47x47 float64

        for (byte[] cut : new byte[][] {Arrays.copyOf(ztf, Math.max(10, ztfEnd * percent / 100)),
                Arrays.copyOf(rubin, Math.max(10, rubinEnd * percent / 100))}) {
            CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(cut));
            assertThat(e).as("%d bytes", cut.length).isNotNull();
            assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
        }
    }

    @Test
    void shouldRejectRubinFitsCutInsideItsPsfImageAlthoughThePrimaryImageIsComplete() {
        byte[] rubin = cutout(TestAlerts.RUBIN, CutoutKind.SCIENCE);

        CutoutException e = catchThrowableOfType(CutoutException.class,
                () -> decoder.decode(Arrays.copyOf(rubin, rubin.length - 5000)));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
        assertThat(e.getMessage()).contains("HDU 2 is truncated");
    }

    @Test
    void shouldRejectFitsCutJustBeforeTheEndOfItsDataAsCorrupt() throws Exception {
        byte[] fits = new GZIPInputStream(new ByteArrayInputStream(cutout(TestAlerts.ZTF, CutoutKind.SCIENCE)))
                .readAllBytes();
        int dataEnd = 2880 + 63 * 63 * 4;
        for (int length : new int[] {2879, 2880, 2881, dataEnd - 4, dataEnd - 1}) {
            CutoutException e = catchThrowableOfType(CutoutException.class,
                    () -> decoder.decode(Arrays.copyOf(fits, length)));
            assertThat(e).as("%d bytes", length).isNotNull();
            assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
        }
        // missing padding after the last HDU's data is accepted
        assertThat(image(decoder.decode(Arrays.copyOf(fits, dataEnd))).count()).isEqualTo(63 * 63);
        assertThat(image(decoder.decode(Arrays.copyOf(fits, dataEnd + 100))).count()).isEqualTo(63 * 63);
    }

    @ParameterizedTest(name = "gzip cut to {0}% of its length")
    @ValueSource(ints = {1, 10, 50, 90, 99})
    void shouldRejectTruncatedGzipAsCorrupt(int percent) throws Exception {
        byte[] gz = cutout(TestAlerts.ZTF, CutoutKind.DIFFERENCE);
        byte[] cut = Arrays.copyOf(gz, Math.max(2, gz.length * percent / 100));

        CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(cut));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
    }

    @Test
    void shouldRejectNonFitsBytesAsUnknownFormat() {
        byte[][] inputs = {
                new byte[0],
                "not an image at all".getBytes(StandardCharsets.US_ASCII),
                {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                "SIMPLE".getBytes(StandardCharsets.US_ASCII)};
        for (byte[] input : inputs) {
            CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(input));
            assertThat(e.reason()).isEqualTo(CutoutException.Reason.UNKNOWN_FORMAT);
        }
    }

    @Test
    void shouldRejectFitsWhoseHeaderIsNotFits() {
        byte[] junk = new byte[2880];
        Arrays.fill(junk, (byte) ' ');
        System.arraycopy("SIMPLE  = this is no FITS".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 25);

        CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(junk));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
    }

    @Test
    void shouldRejectGzipBombWithoutInflatingIt() throws Exception {
        byte[] bomb = TestFits.gzipBomb(256L << 20);
        assertThat(bomb.length).isLessThan(1024 * 1024);
        long heapBefore = usedHeap();

        long start = System.nanoTime();
        CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(bomb));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("4194304");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(usedHeap() - heapBefore).isLessThan(64L * 1024 * 1024);
        // and the decoder keeps working after it
        assertThat(image(decoder.decode(cutout(TestAlerts.ZTF, CutoutKind.SCIENCE))).count()).isEqualTo(63 * 63);
    }

    @Test
    void shouldRejectHeaderThatClaimsAHugeImageBeforeAllocatingIt() {
        byte[] fits = TestFits.image(TestFits.filled(4, 4, 1f), h -> {
            h.addValue(Standard.NAXISn.n(1), 100_000);
            h.addValue(Standard.NAXISn.n(2), 100_000);
        });

        CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(fits));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.TOO_LARGE);
    }

    @Test
    void shouldRejectHeaderThatClaimsMoreDataThanPresentAsCorrupt() {
        byte[] fits = TestFits.image(TestFits.filled(4, 4, 1f), h -> h.addValue(Standard.NAXISn.n(2), 400));

        CutoutException e = catchThrowableOfType(CutoutException.class, () -> decoder.decode(fits));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void shouldRefuseALimitBelow64KiB() {
        assertThatThrownBy(() -> new CutoutDecoder(1000)).isInstanceOf(IllegalArgumentException.class);
    }

    static Pixels image(DecodedCutout decoded) {
        assertThat(decoded).isInstanceOf(DecodedCutout.Image.class);
        return ((DecodedCutout.Image) decoded).pixels();
    }

    static byte[] cutout(String alertFile, CutoutKind kind) {
        Alert alert = TestAlerts.decode(TestAlerts.bytes(alertFile));
        return alert.cutout(kind).orElseThrow().data();
    }

    private static ImageHDU primary(java.io.InputStream in) throws Exception {
        try (Fits fits = new Fits(in)) {
            return (ImageHDU) fits.getHDU(0);
        }
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
