package uk.ac.lsst.pipeline.thumbnails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.testing.SharedData;

/** Real alerts of the shared data, and copies of them with edited cutouts (re-written as OCF with Avro itself). */
public final class TestAlerts {
    /** A real ZTF alert (2018-12-03) with three gzipped FITS cutouts. */
    public static final String ZTF = "ztf/alerts/fink-broker-2018-12-03-v3.2/697252845015010002.avro";
    /** A real Rubin LSSTCam alert (OCF, nullable cutout fields) with three FITS cutouts. */
    public static final String RUBIN = "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432734265405_169298432734265405.avro";
    /** A Rubin Confluent wire-format alert with cutouts (needs the schema directory). */
    public static final String RUBIN_WIRE = "rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin";
    /** A ZTF 2016 test alert whose cutouts are JPEGs. */
    public static final String ZTF_JPEG = "ztf/alerts/ztf-avro-alert/v1.1/1726958725155000.avro";

    private TestAlerts() {
    }

    public static byte[] bytes(String relative) {
        return SharedData.bytes(relative);
    }

    /** A decoder with cutouts and the shared Rubin schemas. */
    public static AlertDecoder decoder() {
        return new AlertDecoder(new SchemaDirectory(SharedData.rubinSchemaDir()), true, 16 * 1024 * 1024);
    }

    public static Alert decode(byte[] bytes) {
        try {
            return decoder().decode(bytes);
        } catch (uk.ac.lsst.pipeline.alert.AlertDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a one-alert OCF with the record edited. */
    public static byte[] editOcf(byte[] ocf, Consumer<GenericRecord> edit) {
        try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(ocf),
                new GenericDatumReader<>())) {
            GenericRecord record = in.next();
            edit.accept(record);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(
                    new GenericDatumWriter<GenericRecord>(in.getSchema()))) {
                writer.create(in.getSchema(), out);
                writer.append(record);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ZTF: replaces the stamp bytes of a cutout field ({@code cutoutScience}, ...). */
    public static byte[] ztfWithStamp(byte[] ocf, String field, byte[] stamp) {
        return editOcf(ocf, r -> ((GenericRecord) r.get(field)).put("stampData", ByteBuffer.wrap(stamp)));
    }

    /** Rubin (nullable cutouts): sets a cutout field to {@code stamp}, or to null. */
    public static byte[] rubinWithCutout(byte[] ocf, String field, byte[] stamp) {
        return editOcf(ocf, r -> r.put(field, stamp == null ? null : ByteBuffer.wrap(stamp)));
    }

    public static Path path(String relative) {
        return SharedData.path(relative);
    }
}
