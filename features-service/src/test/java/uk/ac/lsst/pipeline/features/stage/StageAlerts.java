package uk.ac.lsst.pipeline.features.stage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.compact.CompactAlerts;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.testing.SharedData;

/**
 * Real alerts (../shared/data) for the stage's tests, as buffer-ingest publishes them on {@code alerts-compact}:
 * decoded and re-encoded by {@link CompactAlerts#encode}, the code path of buffer-ingest's {@code IngestProcessor},
 * with the headers it adds. Also edited copies of ZTF alerts (any value, NaN included).
 */
final class StageAlerts {
    /** Decodes every sample, Rubin wire format included (schemas from the shared data); cutouts skipped. */
    static final AlertDecoder DECODER = new AlertDecoder(new SchemaDirectory(SharedData.rubinSchemaDir()), false,
            8 * 1024 * 1024);

    private StageAlerts() {
    }

    /**
     * Every ZTF and Rubin sample alert (OCF and Confluent wire format) as upstream sent it, one per alert id (the
     * same alert re-serialised under several schema versions is taken once), in file order.
     */
    static List<byte[]> samples() {
        List<Path> files = new ArrayList<>(SharedData.ztfAlerts());
        files.addAll(SharedData.rubinOcfAlerts());
        files.addAll(SharedData.rubinWireAlerts());
        Set<Long> ids = new HashSet<>();
        List<byte[]> alerts = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = SharedData.bytes(file);
            if (ids.add(decode(bytes).alertId())) {
                alerts.add(bytes);
            }
        }
        return alerts;
    }

    /** One shared-data alert file as upstream sent it, e.g. {@code ztf/alerts/misc/...avro}. */
    static byte[] upstream(String relative) {
        return SharedData.bytes(relative);
    }

    static Alert decode(byte[] bytes) {
        try {
            return DECODER.decode(bytes);
        } catch (AlertDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The compact form buffer-ingest publishes for an upstream alert. */
    static byte[] compact(byte[] upstream) {
        return CompactAlerts.encode(decode(upstream));
    }

    /** The headers buffer-ingest puts on the compact form of an alert. */
    static Headers headers(Alert alert) {
        Headers headers = new RecordHeaders();
        AlertHeaders.put(headers, AlertHeaders.SURVEY, alert.survey());
        AlertHeaders.put(headers, AlertHeaders.FORMAT, AlertFormat.COMPACT.code());
        AlertHeaders.put(headers, AlertHeaders.ALERT_ID, alert.alertId());
        AlertHeaders.put(headers, AlertHeaders.OBJECT_ID, alert.objectId());
        return headers;
    }

    /** A copy of a ZTF OCF alert with {@code candidate.ra/dec} replaced. */
    static byte[] ztfAt(byte[] ztfOcf, double raDeg, double decDeg) {
        return editOcf(ztfOcf, alert -> {
            GenericRecord candidate = (GenericRecord) alert.get("candidate");
            candidate.put("ra", raDeg);
            candidate.put("dec", decDeg);
        });
    }

    /**
     * A copy of a Rubin OCF alert (Fink's samples) associated with no object: no {@code diaObject}, no
     * {@code diaSource.diaObjectId}; its object id decodes as "".
     */
    static byte[] rubinWithoutObject(byte[] rubinOcf) {
        return editOcf(rubinOcf, alert -> {
            ((GenericRecord) alert.get("diaSource")).put("diaObjectId", null);
            alert.put("diaObject", null);
        });
    }

    /** A copy of a one-alert OCF file, its alert record changed by {@code edit}, under the file's schema. */
    static byte[] editOcf(byte[] ocf, Consumer<GenericRecord> edit) {
        GenericRecord alert = readOcf(ocf);
        edit.accept(alert);
        return writeOcf(alert);
    }

    /** The alert record of a one-alert OCF file, under the file's own schema. */
    static GenericRecord readOcf(byte[] ocf) {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new SeekableByteArrayInput(ocf),
                new GenericDatumReader<>())) {
            return reader.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] writeOcf(GenericRecord alert) {
        Schema schema = alert.getSchema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            writer.create(schema, out);
            writer.append(alert);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
