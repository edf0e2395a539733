package uk.ac.lsst.pipeline.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/**
 * A seeded corpus of malformed input made from real alerts, with what each stage must do with every case: a dead
 * letter with one of the given reasons, or (no entry for that stage) normal processing, since a stage that does
 * not read a field cannot be hurt by it (crossmatch ignores cutouts, thumbnails ignore positions). Every case that
 * can still be decoded carries a fresh alert id, so that its output can be found. Deterministic for one seed.
 */
final class BadInputCorpus {
    /** The stages, in pipeline order. */
    enum Stage { INGEST, CROSSMATCH, WATCHLIST, FEATURES, THUMBNAILS }

    /** Schema ids the test registry answers: served, slow (beyond the timeout), connection dropped, 503. */
    static final int SERVED = 900;
    static final int SLOW = 1000;
    static final int DROPPED = 1100;
    static final int FAILING = 1101;
    static final int UNREGISTERED = 4242;
    /** The stages' MAX_ALERT_BYTES in the test (the default). */
    static final int MAX_ALERT_BYTES = 4 * 1024 * 1024;

    /**
     * One input record.
     *
     * @param id      names the case (a header of the record, kept by dead letters)
     * @param value   the message bytes
     * @param alertId the alert id where the bytes still decode, else -1
     * @param dead    per stage, the reasons one of which its dead letter must carry; stages absent process it
     */
    record Case(String id, byte[] value, long alertId, Map<Stage, Set<String>> dead) {
        boolean good() {
            return dead.isEmpty();
        }
    }

    private static final Set<String> ALL = Set.of();
    private final Random random;
    private final long seed;
    private final AlertRewriter rewriter;
    private long sequence;
    private final List<Case> cases = new ArrayList<>();

    private BadInputCorpus(long seed, SchemaSource schemas) {
        this.seed = seed;
        this.random = new Random(seed);
        this.rewriter = new AlertRewriter(schemas);
    }

    /**
     * @param ztf     a ZTF alert (OCF, gzipped FITS cutouts)
     * @param wire    Rubin wire-format alerts by schema id: at least {@link #SERVED}, {@link #SLOW},
     *                {@link #DROPPED} and {@link #FAILING}
     * @param goods   templates of good alerts, cycled between the bad cases
     * @param schemas writer schemas of the wire-format templates (to give copies fresh ids)
     */
    static List<Case> build(long seed, byte[] ztf, Map<Integer, byte[]> wire, List<byte[]> goods, SchemaSource schemas) {
        BadInputCorpus c = new BadInputCorpus(seed, schemas);
        c.addAll(ztf, wire);
        return c.interleave(goods);
    }

    private void addAll(byte[] ztf, Map<Integer, byte[]> wire) {
        byte[] served = wire.get(SERVED);
        bytesLevel("empty", new byte[0], Set.of("empty"));
        for (int length : new int[] {1, 7, 100, 5000}) {
            byte[] noise = new byte[length];
            random.nextBytes(noise);
            noise[0] = (byte) (0x10 + random.nextInt(0x30)); // neither the wire magic 0x00 nor OCF's 'O'
            bytesLevel("random-bytes-" + length, noise, Set.of("unknown-format"));
        }
        byte[] z = fresh(ztf);
        int syncStart = z.length - 16;
        int headerEnd = indexOf(z, Arrays.copyOfRange(z, syncStart, z.length));
        int[] ocfCuts = {1, 3, 4, 10, headerEnd / 2, headerEnd, headerEnd + 16, headerEnd + 17, headerEnd + 20,
                (headerEnd + syncStart) / 2, syncStart, z.length - 1};
        for (int cut : ocfCuts) {
            bytesLevel("ztf-truncated-at-" + cut, Arrays.copyOf(z, cut), Set.of("corrupt", "unknown-format"));
        }
        byte[] w = fresh(served);
        for (int cut : new int[] {1, 3, 5, 6, w.length / 2, w.length - 1}) {
            bytesLevel("wire-truncated-at-" + cut, Arrays.copyOf(w, cut), Set.of("corrupt", "unknown-format"));
        }
        bytesLevel("ztf-wrong-magic", edit(z, b -> b[3] = 7), Set.of("unknown-format"));
        bytesLevel("wire-wrong-magic", edit(w, b -> b[0] = 7), Set.of("unknown-format"));
        bytesLevel("wire-unknown-schema-id", withSchemaId(w, UNREGISTERED), Set.of("unknown-schema"));
        bytesLevel("registry-slow", wire.get(SLOW), Set.of("schema-unavailable"));
        bytesLevel("registry-drops-connection", wire.get(DROPPED), Set.of("schema-unavailable"));
        bytesLevel("registry-fails", wire.get(FAILING), Set.of("schema-unavailable"));
        bytesLevel("wire-header-with-a-ztf-datum", frame(SERVED, datum(z)), Set.of("corrupt", "not-an-alert"));
        bytesLevel("ocf-of-another-record", otherRecordOcf(), Set.of("not-an-alert"));
        byte[] oversized = Arrays.copyOf(z, MAX_ALERT_BYTES + 1024);
        bytesLevel("oversized", oversized, Set.of("too-large"));

        positionCase("ra-nan", z, Double.NaN, null);
        positionCase("dec-infinite", z, null, Double.POSITIVE_INFINITY);
        positionCase("ra-negative", z, -10.0, null);
        positionCase("ra-over-360", z, 400.0, null);
        positionCase("dec-over-90", z, null, 95.0);

        byte[] stamp = cutoutStamp(z, "cutoutScience");
        cutoutCase("cutout-gzip-bomb", z, gzip(new byte[64 * 1024 * 1024]), "cutout-too-large");
        cutoutCase("cutout-gzip-truncated", z, Arrays.copyOf(stamp, stamp.length / 2), "cutout-corrupt");
        byte[] fits = gunzip(stamp);
        cutoutCase("cutout-fits-truncated", z, Arrays.copyOf(fits, 2880 + 100), "cutout-corrupt");
        cutoutCase("cutout-fits-truncated-gzipped", z, gzip(Arrays.copyOf(fits, (2880 + fits.length) / 2)),
                "cutout-corrupt");
        byte[] large = new byte[3 * 1024 * 1024 / 2];
        random.nextBytes(large);
        cutoutCase("cutout-large-noise", z, large, "cutout-unknown-format");

        long id = nextId();
        byte[] badUtf8 = withObjectId(rewrite(ztf, id), "ZTF18zzBADzz");
        int at = indexOf(badUtf8, "zzBADzz".getBytes(StandardCharsets.US_ASCII));
        badUtf8[at] = (byte) 0xC3;
        badUtf8[at + 1] = (byte) 0x28;
        cases.add(new Case("object-id-bad-utf8", badUtf8, id, Map.of()));
    }

    private List<Case> interleave(List<byte[]> goods) {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            long id = nextId();
            out.add(new Case("good-" + i, rewrite(goods.get(i % goods.size()), id), id, Map.of()));
            out.add(cases.get(i));
        }
        long id = nextId();
        out.add(new Case("good-last", rewrite(goods.get(0), id), id, Map.of()));
        return out;
    }

    private void bytesLevel(String id, byte[] value, Set<String> reasons) {
        Map<Stage, Set<String>> dead = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            dead.put(s, reasons);
        }
        cases.add(new Case(id, value, -1, dead));
    }

    private void positionCase(String id, byte[] ztf, Double ra, Double dec) {
        long alertId = nextId();
        byte[] value = editZtf(rewrite(ztf, alertId), r -> {
            GenericRecord candidate = (GenericRecord) r.get("candidate");
            if (ra != null) {
                candidate.put("ra", ra);
            }
            if (dec != null) {
                candidate.put("dec", dec);
            }
        });
        cases.add(new Case(id, value, alertId, Map.of(Stage.CROSSMATCH, Set.of("no-position"),
                Stage.WATCHLIST, Set.of("no-position"), Stage.FEATURES, Set.of("no-position"))));
    }

    private void cutoutCase(String id, byte[] ztf, byte[] stampData, String reason) {
        long alertId = nextId();
        byte[] value = editZtf(rewrite(ztf, alertId),
                r -> ((GenericRecord) r.get("cutoutScience")).put("stampData", ByteBuffer.wrap(stampData)));
        cases.add(new Case(id, value, alertId, Map.of(Stage.THUMBNAILS, Set.of(reason))));
    }

    private long nextId() {
        return CycledAlerts.alertId(seed, sequence++);
    }

    private byte[] fresh(byte[] template) {
        return rewrite(template, nextId());
    }

    private byte[] rewrite(byte[] template, long alertId) {
        try {
            return rewriter.rewrite(template, alertId, 0, 0);
        } catch (AlertDecodeException e) {
            throw new IllegalStateException("template alert does not decode", e);
        }
    }

    private static byte[] edit(byte[] bytes, Consumer<byte[]> change) {
        byte[] copy = bytes.clone();
        change.accept(copy);
        return copy;
    }

    private static byte[] withSchemaId(byte[] wire, int schemaId) {
        return frame(schemaId, Arrays.copyOfRange(wire, 5, wire.length));
    }

    private static byte[] frame(int schemaId, byte[] datum) {
        return ByteBuffer.allocate(5 + datum.length).put((byte) 0).putInt(schemaId).put(datum).array();
    }

    private static GenericRecord readOcf(byte[] ocf) {
        try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(ocf),
                new GenericDatumReader<>())) {
            return in.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] writeOcf(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(record.getSchema()))) {
            writer.create(record.getSchema(), out);
            writer.append(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] editZtf(byte[] ocf, Consumer<GenericRecord> change) {
        GenericRecord record = readOcf(ocf);
        change.accept(record);
        return writeOcf(record);
    }

    private static byte[] withObjectId(byte[] ocf, String objectId) {
        return editZtf(ocf, r -> r.put("objectId", objectId));
    }

    /** The schemaless Avro encoding of the OCF's record. */
    private static byte[] datum(byte[] ocf) {
        GenericRecord record = readOcf(ocf);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] otherRecordOcf() {
        Schema schema = SchemaBuilder.record("Weather").fields().requiredString("site").requiredDouble("tempC")
                .endRecord();
        GenericRecord r = new GenericData.Record(schema);
        r.put("site", "Cerro Pachon");
        r.put("tempC", 11.5);
        return writeOcf(r);
    }

    private static byte[] cutoutStamp(byte[] ocf, String cutout) {
        ByteBuffer b = (ByteBuffer) ((GenericRecord) readOcf(ocf).get(cutout)).get("stampData");
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }
}
