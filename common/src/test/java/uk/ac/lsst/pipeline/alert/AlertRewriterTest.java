package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AlertRewriterTest {
    private static final SchemaDirectory SCHEMAS = new SchemaDirectory(SharedData.rubinSchemaDir());
    private static final long NEW_ID = 3_000_000_000_000_000_001L;

    private final AlertRewriter rewriter = new AlertRewriter(SCHEMAS);
    private final AlertDecoder decoder = new AlertDecoder(SCHEMAS, true, 1 << 20);

    static Stream<String> originals() {
        return Stream.of(
                "ztf/alerts/ztf-avro-alert/v1.1/1726958725155000.avro",
                "ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro",
                "ztf/alerts/misc/pittgoogle_ztf_20250302_programid1_ZTF17aaarzyp_2982177112815010003.v4_02.avro",
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432601096247_169298432601096247.avro",
                "rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin",
                "rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");
    }

    @ParameterizedTest
    @MethodSource("originals")
    void shouldWriteTheNewIdAndShiftedPositionInTheSameFormat(String file) throws Exception {
        byte[] original = SharedData.bytes(file);
        Alert before = decoder.decode(original);

        byte[] rewritten = rewriter.rewrite(original, NEW_ID, 0.5, -0.25);
        Alert after = decoder.decode(rewritten);

        assertThat(after.alertId()).isEqualTo(NEW_ID);
        assertThat(after.raDeg()).isCloseTo(before.raDeg() + 0.5, within(1e-9));
        assertThat(after.decDeg()).isCloseTo(before.decDeg() - 0.25, within(1e-9));
        assertThat(after.survey()).isEqualTo(before.survey());
        assertThat(after.format()).isEqualTo(before.format());
        assertThat(after.schemaId()).isEqualTo(before.schemaId());
        assertThat(after.schemaVersion()).isEqualTo(before.schemaVersion());
        assertThat(after.mjd()).isEqualTo(before.mjd());
        assertThat(after.band()).isEqualTo(before.band());
        assertThat(Double.compare(after.magnitude(), before.magnitude())).as("same magnitude, NaN included").isZero();
        assertThat(after.record().getSchema()).isEqualTo(before.record().getSchema());
        for (CutoutKind kind : CutoutKind.values()) {
            assertThat(after.cutout(kind).map(Cutout::data).orElse(null))
                    .isEqualTo(before.cutout(kind).map(Cutout::data).orElse(null));
        }
        if (!file.contains("/v1.1/")) {
            assertThat(after.objectId()).isEqualTo(before.objectId());
        }
    }

    @Test
    void shouldRepeatTheNewIdEverywhereAZtfAlertCarriesIt() throws Exception {
        Alert after = decoder.decode(rewriter.rewrite(
                SharedData.bytes("ztf/alerts/ztf-avro-alert/v1.1/1726958725155000.avro"), NEW_ID, 0, 0));

        assertThat(after.record().get("candid")).isEqualTo(NEW_ID);
        assertThat(after.record().get("alertId")).isEqualTo(NEW_ID);
        assertThat(((GenericRecord) after.record().get("candidate")).get("candid")).isEqualTo(NEW_ID);
    }

    @Test
    void shouldRepeatTheNewIdEverywhereARubinAlertCarriesIt() throws Exception {
        Alert after = decoder.decode(rewriter.rewrite(
                SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v9_0.confluent.bin"), NEW_ID, 0, 0));

        assertThat(after.record().get("diaSourceId")).isEqualTo(NEW_ID);
        assertThat(((GenericRecord) after.record().get("diaSource")).get("diaSourceId")).isEqualTo(NEW_ID);
        assertThat(after.objectId()).isEqualTo("281323062375219201");
    }

    @Test
    void shouldKeepOcfMetadataCodecAndReadableContainer() throws Exception {
        byte[] original = SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro");

        byte[] rewritten = rewriter.rewrite(original, NEW_ID, 0, 0);

        try (DataFileReader<GenericRecord> before = reader(original);
                DataFileReader<GenericRecord> after = reader(rewritten)) {
            assertThat(after.getMetaString("avro.codec")).isEqualTo(before.getMetaString("avro.codec"));
            assertThat(after.getSchema()).isEqualTo(before.getSchema());
            assertThat(after.getSchema().getProp("version")).isEqualTo("3.3");
            assertThat(after.next().get("candid")).isEqualTo(NEW_ID);
            assertThat(after.hasNext()).isFalse();
        }
    }

    @Test
    void shouldWrapRightAscensionAcrossZero() throws Exception {
        byte[] original = SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");
        double ra = decoder.decode(original).raDeg();
        byte[] at35999 = rewriter.rewrite(original, 1, 359.99 - ra, 0);
        assertThat(decoder.decode(at35999).raDeg()).isCloseTo(359.99, within(1e-9));

        Alert wrapped = decoder.decode(rewriter.rewrite(at35999, 2, 0.02, 0));

        assertThat(wrapped.raDeg()).isCloseTo(0.01, within(1e-9));
        assertThat(wrapped.hasUsablePosition()).isTrue();
        assertThat(decoder.decode(rewriter.rewrite(original, 3, -720.5 - ra, 0)).raDeg())
                .isCloseTo(359.5, within(1e-9));
    }

    @Test
    void shouldClampDeclinationAtThePoles() throws Exception {
        byte[] original = SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro");

        assertThat(decoder.decode(rewriter.rewrite(original, 1, 0, 50)).decDeg()).isEqualTo(90.0);
        assertThat(decoder.decode(rewriter.rewrite(original, 1, 0, -200)).decDeg()).isEqualTo(-90.0);
    }

    @Test
    void shouldWrapAndClampEdgeValues() {
        assertThat(AlertEdits.wrapRa(360.0)).isZero();
        assertThat(AlertEdits.wrapRa(-1e-18)).isZero();
        assertThat(AlertEdits.wrapRa(-0.5)).isEqualTo(359.5);
        assertThat(AlertEdits.wrapRa(725.0)).isEqualTo(5.0);
        assertThat(AlertEdits.clampDec(90.0001)).isEqualTo(90.0);
    }

    @Test
    void shouldRefuseUndecodableOriginalsAndNonFiniteOffsets() {
        assertThatThrownBy(() -> rewriter.rewrite(new byte[] {1, 2, 3}, 1, 0, 0))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.UNKNOWN_FORMAT));
        byte[] original = SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");
        assertThatThrownBy(() -> rewriter.rewrite(original, 1, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DataFileReader<GenericRecord> reader(byte[] bytes) throws java.io.IOException {
        return new DataFileReader<>(new SeekableByteArrayInput(bytes), new GenericDatumReader<>());
    }
}
