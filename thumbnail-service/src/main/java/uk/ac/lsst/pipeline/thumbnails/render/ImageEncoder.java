package uk.ac.lsst.pipeline.thumbnails.render;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Encodes images as JPEG or PNG bytes. Grey images as JPEG go to a {@link GreyJpegEncoder}, which writes the same
 * bytes as ImageIO's JPEG writer in a fraction of its time; everything else (PNG, and the RGB images of cutouts with
 * blank pixels) goes to one ImageIO writer kept for the lifetime of the encoder (creating a writer per image costs
 * more than a small image's encoding), with an output buffer reused between images; nothing touches the disk cache
 * of ImageIO. RGB JPEGs keep the colour at full resolution (4:4:4, not ImageIO's default 4:2:0), so that a single
 * blank pixel of an image at the cutout's size shows in the blank colour, not smeared over its neighbours.
 * NOT THREAD-SAFE: one per thread. Close it to free the writer's native state.
 */
public final class ImageEncoder implements AutoCloseable {
    private final ImageFormat format;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private final GreyJpegEncoder grey;
    /** JPEG metadata with every component at full resolution, for the last image type encoded as RGB JPEG. */
    private IIOMetadata fullColour;
    private int fullColourType = -1;

    /** @param jpegQuality 1-100, used for JPEG only */
    public ImageEncoder(ImageFormat format, int jpegQuality) {
        this.format = format;
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.code());
        if (!writers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO writer for " + format.code());
        }
        this.writer = writers.next();
        this.param = writer.getDefaultWriteParam();
        this.grey = format == ImageFormat.JPEG ? new GreyJpegEncoder(jpegQuality) : null;
        if (format == ImageFormat.JPEG) {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(jpegQuality / 100f);
        }
    }

    public ImageFormat format() {
        return format;
    }

    /** The encoded image, in a new array of exactly its length. */
    public byte[] encode(BufferedImage image) {
        if (grey != null && isPlainGrey(image)) {
            return grey.encode(((DataBufferByte) image.getRaster().getDataBuffer()).getData(), image.getWidth(),
                    image.getHeight());
        }
        out.reset();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, format == ImageFormat.JPEG ? fullColour(image) : null),
                    param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + image.getWidth() + "x" + image.getHeight()
                    + " image as " + format.code(), e);
        } finally {
            writer.setOutput(null);
        }
        return out.toByteArray();
    }

    /** JPEG metadata for the image's type with the sampling factors of every component 1x1. */
    private IIOMetadata fullColour(BufferedImage image) throws IOException {
        if (fullColour != null && fullColourType == image.getType()) {
            return fullColour;
        }
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
        String name = "javax_imageio_jpeg_image_1.0";
        Node tree = metadata.getAsTree(name);
        NodeList components = ((Element) tree).getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            Element component = (Element) components.item(i);
            component.setAttribute("HsamplingFactor", "1");
            component.setAttribute("VsamplingFactor", "1");
        }
        metadata.setFromTree(name, tree);
        fullColour = metadata;
        fullColourType = image.getType();
        return metadata;
    }

    /**
     * A grey JPEG of the image whose pixel (x, y) (row 0 at the top) is {@code levels[rowStart[y] + column[x]]}, as
     * {@link #encode} would write it for that image, without making the image.
     *
     * @throws IllegalStateException when this encoder writes PNG
     */
    public byte[] encodeGrey(byte[] levels, int[] column, int[] rowStart, int width, int height) {
        if (grey == null) {
            throw new IllegalStateException("encodeGrey writes JPEG; this encoder writes " + format.code());
        }
        return grey.encode(levels, column, rowStart, width, height);
    }

    /** An 8-bit grey image whose raster is its whole byte array, row after row. */
    private static boolean isPlainGrey(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_BYTE_GRAY) {
            return false;
        }
        WritableRaster raster = image.getRaster();
        return raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0 && raster.getParent() == null
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getSampleModel() instanceof ComponentSampleModel model && model.getPixelStride() == 1
                && model.getScanlineStride() == image.getWidth();
    }

    @Override
    public void close() {
        writer.dispose();
    }
}
