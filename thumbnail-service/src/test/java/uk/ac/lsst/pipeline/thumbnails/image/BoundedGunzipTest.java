package uk.ac.lsst.pipeline.thumbnails.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BoundedGunzipTest {
    private final BoundedGunzip gunzip = new BoundedGunzip(1 << 20, 1 << 20);

    @Test
    void shouldInflateWhatGzipInputStreamInflatesForDataOfManySizes() throws Exception {
        Random random = new Random(11);
        for (int size : new int[] {0, 1, 100, 20_160, 65_536, 65_537, 300_000}) {
            byte[] data = compressible(random, size);
            byte[] gz = gzip(data);

            int n = gunzip.inflate(gz);

            assertThat(Arrays.copyOf(gunzip.buffer(), n)).as("%d bytes", size).isEqualTo(data)
                    .isEqualTo(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
        }
    }

    @Test
    void shouldInflateEveryMemberOfAMultiMemberFileAndIgnoreTrailingBytesAsGzipInputStreamDoes() throws Exception {
        byte[] first = compressible(new Random(1), 5000);
        byte[] second = compressible(new Random(2), 7000);
        byte[] gz = concat(gzip(first), gzip(second), new byte[] {0, 0, 0});

        int n = gunzip.inflate(gz);

        assertThat(Arrays.copyOf(gunzip.buffer(), n)).isEqualTo(concat(first, second))
                .isEqualTo(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
    }

    @Test
    void shouldSkipTheOptionalHeaderFields() throws Exception {
        byte[] data = compressible(new Random(3), 3000);
        byte[] plain = gzip(data);
        // FEXTRA (2 bytes of extra data), FNAME, FCOMMENT and FHCRC (its value is not checked, as by the JDK)
        byte[] header = Arrays.copyOf(plain, 10);
        header[3] = 4 | 8 | 16 | 2;
        byte[] fields = {2, 0, 'x', 'y', 'c', 'u', 't', '.', 'f', 'i', 't', 's', 0, 'h', 'i', 0, 0x12, 0x34};
        byte[] gz = concat(header, fields, Arrays.copyOfRange(plain, 10, plain.length));

        int n = gunzip.inflate(gz);

        assertThat(Arrays.copyOf(gunzip.buffer(), n)).isEqualTo(data);
    }

    @Test
    void shouldRejectADamagedTrailerOrHeaderAsCorruptNamingWhatIsWrong() throws Exception {
        byte[] gz = gzip(compressible(new Random(4), 4000));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        byte[] badLength = gz.clone();
        badLength[gz.length - 4] ^= 1;
        byte[] noTrailer = Arrays.copyOf(gz, gz.length - 8);
        byte[] badMethod = gz.clone();
        badMethod[2] = 7;
        byte[] reservedFlag = gz.clone();
        reservedFlag[3] = (byte) 0x20;
        byte[] badData = gz.clone();
        Arrays.fill(badData, 10, 30, (byte) 0xff);

        assertThat(corrupt(badCrc)).contains("CRC-32");
        assertThat(corrupt(badLength)).contains("length does not match");
        assertThat(corrupt(noTrailer)).contains("trailer");
        assertThat(corrupt(badMethod)).contains("compression method 7");
        assertThat(corrupt(reservedFlag)).contains("reserved");
        assertThat(corrupt(badData)).contains("does not inflate");
        assertThat(corrupt(Arrays.copyOf(gz, 6))).contains("not in gzip format");
        // and it goes on inflating good data after each
        assertThat(gunzip.inflate(gz)).isEqualTo(4000);
    }

    @Test
    void shouldStopAtTheLimitWhenDataInflatesBeyondIt() throws Exception {
        BoundedGunzip small = new BoundedGunzip(100_000, 100_000);
        byte[] gz = gzip(new byte[100_001]);

        CutoutException e = catchThrowableOfType(CutoutException.class, () -> small.inflate(gz));

        assertThat(e.reason()).isEqualTo(CutoutException.Reason.TOO_LARGE);
        assertThat(small.inflate(gzip(new byte[100_000]))).isEqualTo(100_000);
    }

    private String corrupt(byte[] gz) {
        CutoutException e = catchThrowableOfType(CutoutException.class, () -> gunzip.inflate(gz));
        assertThat(e.reason()).isEqualTo(CutoutException.Reason.CORRUPT);
        return e.getMessage();
    }

    /** Bytes from a small alphabet, so that they compress like image data rather than noise. */
    private static byte[] compressible(Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (random.nextInt(16) * 3);
        }
        return data;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
