package uk.ac.lsst.pipeline.thumbnails.render;

import java.io.ByteArrayOutputStream;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;
import javax.imageio.plugins.jpeg.JPEGQTable;

/**
 * The fixed parts of a baseline grey JPEG file as the JDK's writer makes them: the zig-zag order, the quantisation
 * table of a quality, the codes of the standard Huffman tables (JPEG Annex K) and the header segments. Stateless.
 */
final class JpegTables {
    /** Zig-zag position k -> natural (row-major) index of the coefficient. */
    static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private JpegTables() {
    }

    /**
     * The quantisation table (natural order) of the JDK writer at this quality: the standard luminance table scaled by
     * IJG's linear quality factor, limited to 1-255.
     */
    static int[] luminanceTable(int quality) {
        float q = quality / 100f;
        float linear = q < 0.5f ? 0.5f / q : 2.0f - q * 2.0f;
        return JPEGQTable.K1Luminance.getScaledInstance(linear, true).getTable();
    }

    /** Code and length of every symbol of a Huffman table (jchuff.c {@code jpeg_make_c_derived_tbl}). */
    static void deriveCodes(JPEGHuffmanTable table, int[] codes, int[] sizes) {
        short[] lengths = table.getLengths();
        short[] values = table.getValues();
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++) {
            for (int i = 0; i < lengths[length - 1]; i++) {
                codes[values[k]] = code;
                sizes[values[k]] = length;
                code++;
                k++;
            }
            code <<= 1;
        }
    }

    /** Offset of the image height in the header (the width follows). */
    static final int HEIGHT_OFFSET = 2 + 18 + 69 + 5;

    /** SOI, JFIF APP0, DQT, SOF0 (size filled per image), DHT (DC), DHT (AC), SOS: as the JDK writer orders them. */
    static byte[] headerTemplate(int[] quant) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(512);
        bytes(h, 0xFF, 0xD8);
        bytes(h, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 0, 0, 1, 0, 1, 0, 0);
        bytes(h, 0xFF, 0xDB, 0, 67, 0);
        for (int k = 0; k < 64; k++) {
            h.write(quant[NATURAL_ORDER[k]]);
        }
        bytes(h, 0xFF, 0xC0, 0, 11, 8, 0, 0, 0, 0, 1, 1, 0x11, 0);
        huffmanSegment(h, 0x00, JPEGHuffmanTable.StdDCLuminance);
        huffmanSegment(h, 0x10, JPEGHuffmanTable.StdACLuminance);
        bytes(h, 0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0);
        return h.toByteArray();
    }

    private static void huffmanSegment(ByteArrayOutputStream h, int classAndId, JPEGHuffmanTable table) {
        short[] lengths = table.getLengths();
        short[] values = table.getValues();
        int length = 2 + 1 + 16 + values.length;
        bytes(h, 0xFF, 0xC4, length >> 8, length & 0xff, classAndId);
        for (short l : lengths) {
            h.write(l);
        }
        for (short v : values) {
            h.write(v);
        }
    }

    private static void bytes(ByteArrayOutputStream h, int... values) {
        for (int v : values) {
            h.write(v);
        }
    }
}
