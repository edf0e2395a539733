package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RubinDecodingTest {
    private static final SchemaDirectory SCHEMAS = new SchemaDirectory(SharedData.rubinSchemaDir());

    private final AlertDecoder decoder = new AlertDecoder(SCHEMAS, true, 1 << 20);

    static Stream<Named<Path>> finkOcfAlerts() {
        return SharedData.rubinOcfAlerts().stream().map(p -> Named.of(SharedData.name(p), p));
    }

    static Stream<Named<Path>> wireAlerts() {
        return SharedData.rubinWireAlerts().stream().map(p -> Named.of(SharedData.name(p), p));
    }

    @ParameterizedTest
    @MethodSource("finkOcfAlerts")
    void shouldMatchTheFinkRecordReadWithPlainAvro(Path file) throws Exception {
        byte[] bytes = SharedData.bytes(file);
        GenericRecord expected = ReferenceReader.ocfRecord(bytes);

        Alert alert = decoder.decode(bytes);

        assertMatches(alert, expected);
        assertThat(alert.format()).isEqualTo(AlertFormat.OCF);
        assertThat(alert.schemaId()).isEqualTo(-1);
        assertThat(alert.schemaVersion()).isEqualTo("9.0");
        assertThat(alert.record()).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("wireAlerts")
    void shouldMatchTheWireRecordReadWithPlainAvro(Path file) throws Exception {
        byte[] bytes = SharedData.bytes(file);
        int schemaId = ReferenceReader.wireSchemaId(bytes);
        GenericRecord expected = ReferenceReader.wireRecord(bytes, SCHEMAS.schema(schemaId));

        Alert alert = decoder.decode(bytes);

        assertMatches(alert, expected);
        assertThat(alert.format()).isEqualTo(AlertFormat.CONFLUENT_WIRE);
        assertThat(alert.schemaId()).isEqualTo(schemaId);
        assertThat(alert.schemaVersion()).isEqualTo((schemaId / 100) + "." + (schemaId % 100));
        assertThat(alert.record()).isEqualTo(expected);
    }

    @Test
    void shouldDecodeKnownValuesOfAFinkAlert() throws Exception {
        Alert alert = decoder.decode(SharedData.bytes(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432601096247_169298432601096247.avro"));

        assertThat(alert.survey()).isEqualTo(Survey.RUBIN);
        assertThat(alert.alertId()).isEqualTo(169298432601096247L);
        assertThat(alert.objectId()).isEqualTo("169298432601096247");
        assertThat(alert.raDeg()).isEqualTo(10.55067591060616);
        assertThat(alert.decDeg()).isEqualTo(-44.740264439479844);
        assertThat(alert.mjd()).isEqualTo(60924.33041372549);
        assertThat(alert.band()).isEqualTo("i");
        assertThat(alert.fluxNJy()).isCloseTo(3066.7476, within(1e-4));
        assertThat(alert.fluxErrNJy()).isCloseTo(594.1851, within(1e-4));
        assertThat(alert.magnitude()).isCloseTo(22.683305, within(1e-6));
        assertThat(alert.magnitudeErr()).isCloseTo(0.210362, within(1e-6));
    }

    @Test
    void shouldDecodeKnownValuesOfTheBoomWireAlert() throws Exception {
        Alert alert = decoder.decode(
                SharedData.bytes("rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin"));

        assertThat(alert.schemaId()).isEqualTo(900);
        assertThat(alert.schemaVersion()).isEqualTo("9.0");
        assertThat(alert.alertId()).isEqualTo(7912941781254298L);
        assertThat(alert.objectId()).isEqualTo("7912941781254298");
        assertThat(alert.raDeg()).isEqualTo(55.75212760972686);
        assertThat(alert.decDeg()).isEqualTo(-32.26847858422095);
        assertThat(alert.mjd()).isEqualTo(60961.23309222222);
        assertThat(alert.band()).isEqualTo("r");
        assertThat(alert.fluxNJy()).isCloseTo(-1230.2758, within(1e-4));
        assertThat(alert.magnitude()).as("no magnitude for a negative flux").isNaN();
        assertThat(alert.magnitudeErr()).isNaN();
    }

    @Test
    void shouldFallBackToTheDiaObjectRecordWhenTheDiaSourceHasNoObjectId() throws Exception {
        // synthetic alert_packet sample: diaSource.diaObjectId is null, diaObject.diaObjectId is 281323062375219201
        Alert alert = decoder.decode(SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin"));

        assertThat(((GenericRecord) alert.record().get("diaSource")).get("diaObjectId")).isNull();
        assertThat(alert.objectId()).isEqualTo("281323062375219201");
        assertThat(alert.alertId()).isEqualTo(281323062375219200L);
        assertThat(alert.schemaVersion()).isEqualTo("11.1");
        assertThat(alert.raDeg()).isEqualTo(351.570546978);
        assertThat(alert.fluxNJy()).isEqualTo(1241.0);
        assertThat(alert.magnitude()).isCloseTo(23.665571, within(1e-6));
        assertThat(alert.magnitudeErr()).isCloseTo(0.0104987, within(1e-7));
    }

    @Test
    void shouldUseThePrefixedSolarSystemObjectIdWhenThereIsNoDiaObject() throws Exception {
        // Fink writes diaObjectId 0 for this Solar System source, whose ssObjectId is 21164719644750924
        Alert alert = decoder.decode(SharedData.bytes(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432645136561_169298432645136561.avro"));

        assertThat(alert.objectId()).isEqualTo("ss21164719644750924");
    }

    private static void assertMatches(Alert alert, GenericRecord expected) {
        GenericRecord diaSource = ReferenceReader.nested(expected, "diaSource");
        double flux = ReferenceReader.number(diaSource, "psfFlux");
        double fluxErr = ReferenceReader.number(diaSource, "psfFluxErr");
        Object diaObjectId = diaSource.get("diaObjectId");

        assertThat(alert.survey()).isEqualTo(Survey.RUBIN);
        assertThat(alert.alertId()).isEqualTo(diaSource.get("diaSourceId"));
        if (diaObjectId != null && (Long) diaObjectId != 0L) {
            assertThat(alert.objectId()).isEqualTo(diaObjectId.toString());
        }
        assertThat(alert.raDeg()).isEqualTo(ReferenceReader.number(diaSource, "ra"));
        assertThat(alert.decDeg()).isEqualTo(ReferenceReader.number(diaSource, "dec"));
        assertThat(alert.mjd()).isEqualTo(ReferenceReader.number(diaSource, "midpointMjdTai"));
        assertThat(alert.band()).isEqualTo(diaSource.get("band").toString());
        assertThat(alert.fluxNJy()).isEqualTo(flux);
        assertThat(alert.fluxErrNJy()).isEqualTo(fluxErr);
        if (flux > 0) {
            assertThat(alert.magnitude()).isCloseTo(31.4 - 2.5 * Math.log10(flux), within(1e-9));
            assertThat(alert.magnitudeErr()).isCloseTo(1.0857362047581294 * fluxErr / flux, within(1e-9));
        } else {
            assertThat(alert.magnitude()).isNaN();
            assertThat(alert.magnitudeErr()).isNaN();
        }
        assertThat(alert.hasUsablePosition()).isTrue();
    }
}
