package uk.ac.lsst.pipeline.thumbnails.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Checks a JPEG cutout (ZTF's 2016 test alerts) before it is passed through unchanged: the dimensions from its
 * header must be within limits, and the whole image must decode without error or warning (a truncated JPEG makes
 * the JDK reader warn, not fail). Stateless.
 */
final class JpegProbe {
    private JpegProbe() {
    }

    /** @return width and height of the JPEG in {@code data} */
    static DecodedCutout.Jpeg probe(byte[] data, int maxPixels) throws CutoutException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no JPEG reader");
        }
        ImageReader reader = readers.next();
        StringBuilder warnings = new StringBuilder();
        reader.addIIOReadWarningListener((source, warning) -> warnings.append(warning).append("; "));
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > maxPixels) {
                throw new CutoutException(CutoutException.Reason.TOO_LARGE, "JPEG cutout of " + width + "x"
                        + height + " pixels exceeds the limit of " + maxPixels + " pixels");
            }
            reader.read(0);
            if (!warnings.isEmpty()) {
                throw new CutoutException(CutoutException.Reason.CORRUPT, "JPEG cutout of " + data.length
                        + " bytes is damaged: " + warnings);
            }
            return new DecodedCutout.Jpeg(data, width, height);
        } catch (IOException | RuntimeException e) {
            throw new CutoutException(CutoutException.Reason.CORRUPT, "JPEG cutout of " + data.length
                    + " bytes does not decode: " + e, e);
        } finally {
            reader.dispose();
        }
    }
}
