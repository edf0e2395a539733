package uk.ac.lsst.pipeline.thumbnails;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import nom.tam.fits.BasicHDU;
import nom.tam.fits.Fits;
import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.util.FitsOutputStream;

/** FITS bytes for tests, written by nom-tam-fits (so the reader is tested against the library's writer). */
public final class TestFits {
    private TestFits() {
    }

    /** A primary HDU holding {@code rows} (rows[y][x], y = NAXIS2). */
    public static byte[] image(Object rows) {
        return image(rows, null);
    }

    /** Like {@link #image(Object)}, with extra header cards set by {@code headerEdit}. */
    public static byte[] image(Object rows, java.util.function.Consumer<Header> headerEdit) {
        try (Fits fits = new Fits()) {
            BasicHDU<?> hdu = Fits.makeHDU(rows);
            if (headerEdit != null) {
                headerEdit.accept(hdu.getHeader());
            }
            fits.addHDU(hdu);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (FitsOutputStream out = new FitsOutputStream(bytes)) {
                fits.write(out);
            }
            return bytes.toByteArray();
        } catch (FitsException | IOException e) {
            throw new IllegalStateException("cannot write test FITS", e);
        }
    }

    /** A width x height float image filled with {@code value}. */
    public static float[][] filled(int width, int height, float value) {
        float[][] rows = new float[height][width];
        for (float[] row : rows) {
            java.util.Arrays.fill(row, value);
        }
        return rows;
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** gzip of {@code inflatedBytes} zero bytes, written in chunks (never held inflated in memory). */
    public static byte[] gzipBomb(long inflatedBytes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16)) {
            for (long written = 0; written < inflatedBytes; written += zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, inflatedBytes - written));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
