package uk.ac.lsst.pipeline.alert.photometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.testing.SharedData;

class AlertPhotometryTest {
    private static final SchemaDirectory RUBIN_SCHEMAS = new SchemaDirectory(SharedData.rubinSchemaDir());
    private static final double JD_MINUS_MJD = 2400000.5;

    private final AlertDecoder decoder = new AlertDecoder(RUBIN_SCHEMAS, false, 1 << 20);

    /** Points per kind in the history, counted on the record read with plain Avro. */
    record Counts(int detections, int forced, int upperLimits) {
    }

    static Stream<Named<Path>> ztfAlerts() {
        return SharedData.ztfAlerts().stream().map(p -> Named.of(SharedData.name(p), p));
    }

    static Stream<Named<Path>> rubinAlerts() {
        return Stream.concat(SharedData.rubinOcfAlerts().stream(), SharedData.rubinWireAlerts().stream())
                .map(p -> Named.of(SharedData.name(p), p));
    }

    @ParameterizedTest
    @MethodSource("ztfAlerts")
    void shouldFindEveryZtfHistoryEntryWithItsKind(Path file) throws Exception {
        byte[] bytes = SharedData.bytes(file);
        GenericRecord record = plainRecord(bytes);
        GenericRecord candidate = (GenericRecord) record.get("candidate");

        AlertPhotometry photometry = AlertPhotometry.of(decoder.decode(bytes));

        assertThat(counts(photometry)).isEqualTo(ztfCounts(record));
        assertThat(photometry.current().kind()).isEqualTo(PointKind.DETECTION);
        assertThat(photometry.current().mjd()).isEqualTo((Double) candidate.get("jd") - JD_MINUS_MJD);
        assertThat(photometry.positive()).isEqualTo(List.of("t", "1").contains(candidate.get("isdiffpos").toString()));
        Object drb = candidate.getSchema().getField("drb") != null ? candidate.get("drb") : null;
        Object score = drb != null ? drb : candidate.get("rb");
        assertThat(photometry.reliability()).isEqualTo(((Number) score).doubleValue());
        assertAscendingTimes(photometry);
    }

    @ParameterizedTest
    @MethodSource("rubinAlerts")
    void shouldFindEveryRubinHistoryEntryWithItsKind(Path file) throws Exception {
        byte[] bytes = SharedData.bytes(file);
        GenericRecord record = plainRecord(bytes);
        GenericRecord diaSource = (GenericRecord) record.get("diaSource");

        AlertPhotometry photometry = AlertPhotometry.of(decoder.decode(bytes));

        assertThat(counts(photometry)).isEqualTo(new Counts(size(record.get("prvDiaSources")),
                size(record.get("prvDiaForcedSources")), 0));
        assertThat(photometry.current().fluxNJy()).isEqualTo(((Number) diaSource.get("psfFlux")).doubleValue());
        assertThat(photometry.positive()).isEqualTo(((Number) diaSource.get("psfFlux")).doubleValue() > 0);
        Object reliability = diaSource.get("reliability");
        if (reliability == null) {
            assertThat(photometry.reliability()).isNaN();
        } else {
            assertThat(photometry.reliability()).isEqualTo(((Number) reliability).doubleValue());
        }
        assertAscendingTimes(photometry);
    }

    @Test
    void shouldReadDetectionsAndUpperLimitsOfARichSchema20Alert() throws Exception {
        // ZTF17aaajnnn, candid 472263571115095000: 62 detections and 11 upper limits in prv_candidates, rb 0.8466667
        // and no drb in schema 2.0 (values printed from the record with plain Avro)
        AlertPhotometry photometry = decode("ztf/alerts/ztf-avro-alert/v2.0/472263571115095000.avro");

        assertThat(counts(photometry)).isEqualTo(new Counts(62, 0, 11));
        assertThat(photometry.reliability()).isCloseTo(0.8466667, within(1e-7));
        assertThat(photometry.current().band()).isEqualTo("r");
        assertThat(photometry.current().magnitude()).isCloseTo(18.37224, within(1e-5));
        assertThat(photometry.positive()).isTrue();
        assertThat(photometry.history()).filteredOn(p -> p.kind() == PointKind.UPPER_LIMIT)
                .allSatisfy(p -> {
                    assertThat(p.magnitude()).isNaN();
                    assertThat(p.limitingMagnitude()).isBetween(15.0, 23.0);
                    assertThat(p.positive()).isFalse();
                });
    }

    @Test
    void shouldConvertZtfForcedPhotometryToNanojansky() throws Exception {
        // ZTF18abudxnw (schema 4.02): 7 detections and 3 upper limits in prv_candidates, 10 fp_hists entries.
        // The earliest fp_hists entry: jd 2460420.9637616, fid 1, forcediffimflux 138.203, forcediffimfluxunc
        // 46.038883, magzpsci 26.1528, diffmaglim 19.7873; by hand 138.203 * 10^(0.4 (31.4 - 26.1528)) = 17353.9 nJy,
        // 46.038883 * 10^(0.4 (31.4 - 26.1528)) = 5781.0 nJy, AB magnitude 31.4 - 2.5 log10(17353.9) = 20.8015
        AlertPhotometry photometry = decode("ztf/alerts/misc/boom_2695378462115010012.v4_02.avro");

        assertThat(counts(photometry)).isEqualTo(new Counts(7, 10, 3));
        assertThat(photometry.reliability()).isCloseTo(0.9993875, within(1e-7));
        PhotometryPoint earliestForced = photometry.history().stream().filter(p -> p.kind() == PointKind.FORCED)
                .findFirst().orElseThrow();
        assertThat(earliestForced.mjd()).isCloseTo(2460420.9637616 - JD_MINUS_MJD, within(1e-9));
        assertThat(earliestForced.band()).isEqualTo("g");
        assertThat(earliestForced.fluxNJy()).isCloseTo(17353.9, within(0.1));
        assertThat(earliestForced.fluxErrNJy()).isCloseTo(5781.0, within(0.1));
        assertThat(earliestForced.magnitude()).isCloseTo(20.8015, within(1e-4));
        assertThat(earliestForced.limitingMagnitude()).isCloseTo(19.7873, within(1e-4));
        assertThat(earliestForced.positive()).isTrue();
        assertThat(photometry.positive()).isFalse();
    }

    @Test
    void shouldTakeTheSchema35HistoryAsForcedPhotometry() throws Exception {
        // schema 3.5 (ZTF test alert): its 23 prv_candidates entries are forced-photometry records (forcediffimflux,
        // magzpsci, no candid); the first, jd 2459415.8820602, has forcediffimflux -16924.322: negative
        AlertPhotometry photometry = decode("ztf/alerts/ztf-avro-alert/v3.5/1661382530015060001.avro");

        assertThat(counts(photometry)).isEqualTo(new Counts(0, 23, 0));
        PhotometryPoint latest = photometry.history().get(photometry.history().size() - 1);
        assertThat(latest.mjd()).isCloseTo(2459415.8820602 - JD_MINUS_MJD, within(1e-9));
        assertThat(latest.fluxNJy()).isNegative();
        assertThat(latest.magnitude()).isNaN();
        assertThat(latest.positive()).isFalse();
    }

    @Test
    void shouldComputeAbMagnitudesOfRubinHistory() throws Exception {
        // the alert_packet sample (schema 11.1): current diaSource and two prvDiaSources, each r band with psfFlux
        // 1241 nJy and psfFluxErr 12 nJy at MJD 60902.9933, 60901.9933, 60900.9933; by hand
        // 31.4 - 2.5 log10(1241) = 23.665571 and 2.5 / ln 10 * 12 / 1241 = 0.0104987; no reliability value
        AlertPhotometry photometry = decode("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");

        assertThat(counts(photometry)).isEqualTo(new Counts(2, 0, 0));
        assertThat(photometry.reliability()).isNaN();
        assertThat(photometry.points()).extracting(PhotometryPoint::mjd).containsExactly(
                60902.993305483615, 60900.993305483615, 60901.993305483615);
        assertThat(photometry.points()).allSatisfy(p -> {
            assertThat(p.band()).isEqualTo("r");
            assertThat(p.magnitude()).isCloseTo(23.665571, within(1e-6));
            assertThat(p.magnitudeErr()).isCloseTo(0.0104987, within(1e-7));
            assertThat(p.positive()).isTrue();
            assertThat(p.limitingMagnitude()).isNaN();
        });
    }

    @Test
    void shouldTakeTheFluxSignAsPositiveForRubin() throws Exception {
        // Fink's LSSTCam alert 169298432734265405: psfFlux -14211.968 nJy although isNegative is false
        AlertPhotometry photometry = decode(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432734265405_169298432734265405.avro");

        assertThat(photometry.positive()).isFalse();
        assertThat(photometry.current().fluxNJy()).isCloseTo(-14211.968, within(1e-3));
        assertThat(photometry.current().magnitude()).isNaN();
        assertThat(photometry.reliability()).isCloseTo(0.48634383, within(1e-8));
        assertThat(photometry.history()).isEmpty();
    }

    private AlertPhotometry decode(String relative) throws Exception {
        Alert alert = decoder.decode(SharedData.bytes(relative));
        return AlertPhotometry.of(alert);
    }

    private static Counts counts(AlertPhotometry photometry) {
        return new Counts(photometry.historyCount(PointKind.DETECTION), photometry.historyCount(PointKind.FORCED),
                photometry.historyCount(PointKind.UPPER_LIMIT));
    }

    /** ZTF history read off the record: schema 3.5 history entries are forced photometry. */
    private static Counts ztfCounts(GenericRecord record) {
        int detections = 0;
        int forced = 0;
        int upperLimits = 0;
        Object prv = record.getSchema().getField("prv_candidates") != null ? record.get("prv_candidates") : null;
        for (Object o : prv == null ? List.of() : (List<?>) prv) {
            GenericRecord entry = (GenericRecord) o;
            if (entry.getSchema().getField("forcediffimflux") != null) {
                forced++;
            } else if (entry.get("candid") != null) {
                detections++;
            } else if (entry.get("diffmaglim") != null) {
                upperLimits++;
            }
        }
        if (record.getSchema().getField("fp_hists") != null) {
            forced += size(record.get("fp_hists"));
        }
        return new Counts(detections, forced, upperLimits);
    }

    private static int size(Object list) {
        return list == null ? 0 : ((List<?>) list).size();
    }

    private static void assertAscendingTimes(AlertPhotometry photometry) {
        for (int i = 1; i < photometry.history().size(); i++) {
            assertThat(photometry.history().get(i).mjd()).isGreaterThanOrEqualTo(photometry.history().get(i - 1).mjd());
        }
    }

    /** The record read with plain Avro: OCF with its embedded schema, wire format with the schema directory's. */
    private static GenericRecord plainRecord(byte[] bytes) {
        try {
            if (bytes[0] == 'O') {
                try (DataFileReader<GenericRecord> reader =
                        new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>())) {
                    return reader.next();
                }
            }
            int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
            return new GenericDatumReader<GenericRecord>(RUBIN_SCHEMAS.schema(schemaId))
                    .read(null, DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
