package uk.ac.lsst.pipeline.crossmatch.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSources;

/** The bundled sample alerts, and edited copies, for tests. */
public final class TestAlerts {
    public static final AlertDecoder DECODER = new AlertDecoder(SchemaSources.none(), false, 8 << 20);

    private TestAlerts() {
    }

    /** The bundled ZTF sample alert files, sorted. */
    public static List<Path> ztf() {
        try (var s = Files.list(Samples.alerts().resolve("ztf"))) {
            return s.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ZTF sample alert by object id, e.g. ZTF18acsbuxi. */
    public static byte[] ztf(String objectId) {
        for (Path p : ztf()) {
            byte[] bytes = bytes(p);
            if (decode(bytes).objectId().equals(objectId)) {
                return bytes;
            }
        }
        throw new IllegalArgumentException("no sample ZTF alert of object " + objectId);
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Alert decode(byte[] bytes) {
        try {
            return DECODER.decode(bytes);
        } catch (AlertDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of a ZTF OCF alert with {@code candidate.ra/dec} set (NaN for an alert without position). */
    public static byte[] ztfAt(byte[] ocf, double raDeg, double decDeg) {
        try (DataFileStream<GenericRecord> in = new DataFileStream<>(new java.io.ByteArrayInputStream(ocf),
                new GenericDatumReader<>())) {
            GenericRecord alert = in.next();
            GenericRecord candidate = (GenericRecord) alert.get("candidate");
            candidate.put("ra", raDeg);
            candidate.put("dec", decDeg);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(in.getSchema()))) {
                writer.create(in.getSchema(), out);
                writer.append(alert);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
