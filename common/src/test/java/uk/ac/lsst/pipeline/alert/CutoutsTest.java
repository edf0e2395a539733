package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CutoutsTest {
    private static final SchemaDirectory SCHEMAS = new SchemaDirectory(SharedData.rubinSchemaDir());

    private final AlertDecoder withCutouts = new AlertDecoder(SCHEMAS, true, 1 << 20);
    private final AlertDecoder withoutCutouts = new AlertDecoder(SCHEMAS, false, 1 << 20);

    static Stream<Named<Path>> ztfAlertsFromSchema17() {
        return SharedData.ztfAlerts().stream()
                .filter(p -> !p.toString().contains("/v1.1/"))
                .map(p -> Named.of(SharedData.name(p), p));
    }

    static Stream<Named<Path>> allAlerts() {
        return Stream.of(SharedData.ztfAlerts(), SharedData.rubinOcfAlerts(), SharedData.rubinWireAlerts())
                .flatMap(java.util.List::stream)
                .map(p -> Named.of(SharedData.name(p), p));
    }

    @ParameterizedTest
    @MethodSource("ztfAlertsFromSchema17")
    void shouldFindThreeGzippedFitsStampsInZtfAlerts(Path file) throws Exception {
        Alert alert = withCutouts.decode(SharedData.bytes(file));

        for (CutoutKind kind : CutoutKind.values()) {
            Cutout cutout = alert.cutout(kind).orElseThrow();
            assertThat(cutout.kind()).isEqualTo(kind);
            assertThat(cutout.encoding()).isEqualTo(CutoutEncoding.FITS_GZIP);
            assertThat(cutout.fileName()).endsWith(".fits.gz");
            assertThat(cutout.data().length).isBetween(1000, 40_000);
        }
    }

    @Test
    void shouldFindJpegStampsInZtfSchema11Alerts() throws Exception {
        Alert alert = withCutouts.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v1.1/1726958725155000.avro"));

        Cutout science = alert.cutout(CutoutKind.SCIENCE).orElseThrow();
        assertThat(science.encoding()).isEqualTo(CutoutEncoding.JPEG);
        assertThat(science.fileName()).isEqualTo("candid-1726958725155000_pid-172695872515_targ_sci.jpg");
        assertThat(alert.cutout(CutoutKind.TEMPLATE).orElseThrow().encoding()).isEqualTo(CutoutEncoding.JPEG);
        assertThat(alert.cutout(CutoutKind.DIFFERENCE).orElseThrow().encoding()).isEqualTo(CutoutEncoding.JPEG);
    }

    @Test
    void shouldFindPlainFitsStampsWithoutFileNameInRubinAlerts() throws Exception {
        Alert fink = withCutouts.decode(SharedData.bytes(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432601096247_169298432601096247.avro"));
        Alert boom = withCutouts.decode(SharedData.bytes(
                "rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin"));

        for (Alert alert : new Alert[] {fink, boom}) {
            for (CutoutKind kind : CutoutKind.values()) {
                Cutout cutout = alert.cutout(kind).orElseThrow();
                assertThat(cutout.encoding()).isEqualTo(CutoutEncoding.FITS);
                assertThat(cutout.fileName()).isNull();
                assertThat(cutout.data().length % 2880).as("FITS files are whole 2880-byte records").isZero();
            }
        }
    }

    @Test
    void shouldFindNoStampInTheSyntheticRubinSamples() throws Exception {
        Alert alert = withCutouts.decode(SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v9_0.confluent.bin"));

        assertThat(alert.cutout(CutoutKind.SCIENCE)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("allAlerts")
    void shouldSkipCutoutsButKeepEveryNormalisedField(Path file) throws Exception {
        byte[] bytes = SharedData.bytes(file);
        Alert full = withCutouts.decode(bytes);
        Alert lean = withoutCutouts.decode(bytes);

        assertThat(withoutRecord(lean)).isEqualTo(withoutRecord(full));
        for (CutoutKind kind : CutoutKind.values()) {
            assertThat(lean.cutout(kind)).isEmpty();
            assertThat(lean.record().getSchema().getField(CutoutFields.fieldName(kind))).isNull();
        }
        assertThat(lean.record().getSchema().getFields())
                .hasSize(full.record().getSchema().getFields().size() - 3)
                .allSatisfy(f -> assertThat(lean.record().get(f.name())).isEqualTo(full.record().get(f.name())));
    }

    @Test
    void shouldHandOverStampBytesWithoutCopyingOrMovingTheRecordsBuffer() throws Exception {
        Alert alert = withCutouts.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro"));
        ByteBuffer stamp = (ByteBuffer) ((GenericRecord) alert.record().get("cutoutScience")).get("stampData");
        int position = stamp.position();
        byte[] expected = new byte[stamp.remaining()];
        stamp.duplicate().get(expected);

        byte[] first = alert.cutout(CutoutKind.SCIENCE).orElseThrow().data();
        byte[] second = alert.cutout(CutoutKind.SCIENCE).orElseThrow().data();

        assertThat(stamp.position()).isEqualTo(position);
        assertThat(first).isEqualTo(expected).startsWith((byte) 0x1f, (byte) 0x8b);
        assertThat(second).as("the record's own bytes, not a copy per call").isSameAs(first);
    }

    @Test
    void shouldCopyOnlyTheStampFromABufferThatIsAViewOfALargerArray() {
        byte[] backing = {9, 9, 1, 2, 3, 9};
        ByteBuffer view = ByteBuffer.wrap(backing, 2, 3);
        GenericRecord record = new GenericData.Record(SchemaBuilder.record("R").fields()
                .name("cutoutScience").type().bytesType().noDefault().endRecord());
        record.put("cutoutScience", view);

        byte[] stamp = Cutouts.extract(Survey.RUBIN, record, CutoutKind.SCIENCE).orElseThrow().data();

        assertThat(stamp).containsExactly(1, 2, 3);
        backing[2] = 7;
        assertThat(stamp).as("a copy: the larger array is not the stamp's").containsExactly(1, 2, 3);
        assertThat(view.position()).isEqualTo(2);
    }

    @Test
    void shouldTellEncodingsByTheirMagicBytes() {
        assertThat(CutoutEncoding.detect(new byte[] {0x1f, (byte) 0x8b, 8})).isEqualTo(CutoutEncoding.FITS_GZIP);
        assertThat(CutoutEncoding.detect("SIMPLE  =                    T".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(CutoutEncoding.FITS);
        assertThat(CutoutEncoding.detect(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}))
                .isEqualTo(CutoutEncoding.JPEG);
        assertThat(CutoutEncoding.detect("SIMPLE =".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(CutoutEncoding.UNKNOWN);
        assertThat(CutoutEncoding.detect(new byte[] {0x1f})).isEqualTo(CutoutEncoding.UNKNOWN);
        assertThat(CutoutEncoding.detect(new byte[0])).isEqualTo(CutoutEncoding.UNKNOWN);
        assertThat(CutoutEncoding.detect(null)).isEqualTo(CutoutEncoding.UNKNOWN);
    }

    @Test
    void shouldFindNothingInARecordWithoutCutoutFields() throws Exception {
        Alert alert = withoutCutouts.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro"));

        assertThat(Cutouts.extract(Survey.ZTF, alert.record(), CutoutKind.TEMPLATE)).isEqualTo(Optional.empty());
        assertThat(Cutouts.extract(Survey.ZTF, null, CutoutKind.TEMPLATE)).isEmpty();
    }

    /** The alert without its record: records compare doubles with Double.compare, so NaN equals NaN. */
    private static Alert withoutRecord(Alert a) {
        return new Alert(a.survey(), a.format(), a.schemaVersion(), a.schemaId(), a.alertId(), a.objectId(),
                a.raDeg(), a.decDeg(), a.mjd(), a.band(), a.magnitude(), a.magnitudeErr(), a.fluxNJy(),
                a.fluxErrNJy(), null);
    }
}
