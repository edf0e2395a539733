package uk.ac.lsst.pipeline.watchlist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.testing.SharedData;

/** Real ZTF alerts for tests, optionally moved to a chosen position (any value, NaN included). */
final class TestAlerts {
    static final AlertDecoder DECODER = new AlertDecoder(SchemaSources.none(), false, 8 * 1024 * 1024);

    private TestAlerts() {
    }

    /** The real ZTF alerts of the night 2018-12-03 (34 one-alert OCF files). */
    static List<Path> ztf() {
        return SharedData.files("ztf/alerts/fink-broker-2018-12-03-v3.2", ".avro");
    }

    static byte[] bytes(Path file) {
        return SharedData.bytes(file);
    }

    static Alert decode(byte[] bytes) {
        try {
            return DECODER.decode(bytes);
        } catch (AlertDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ZTF alert with {@code candidate.ra/dec} replaced and {@code candid} set to {@code alertId}. */
    static byte[] at(byte[] ztfOcf, long alertId, double raDeg, double decDeg) {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new SeekableByteArrayInput(ztfOcf),
                new GenericDatumReader<>())) {
            Schema schema = reader.getSchema();
            GenericRecord alert = reader.next();
            GenericRecord candidate = (GenericRecord) alert.get("candidate");
            candidate.put("ra", raDeg);
            candidate.put("dec", decDeg);
            candidate.put("candid", alertId);
            alert.put("candid", alertId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                writer.create(schema, out);
                writer.append(alert);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
