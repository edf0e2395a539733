package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ZtfDecodingTest {
    private static final double JD_MINUS_MJD = 2400000.5;
    private static final Pattern ZTF_AVRO_ALERT_VERSION = Pattern.compile(".*ztf-avro-alert/v(\\d+\\.\\d+)/.*");

    private final AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), true, 1 << 20);

    static Stream<Named<Path>> ztfAlerts() {
        return SharedData.ztfAlerts().stream().map(p -> Named.of(SharedData.name(p), p));
    }

    @ParameterizedTest
    @MethodSource("ztfAlerts")
    void shouldMatchTheRecordReadWithPlainAvro(Path file) throws Exception {
        byte[] bytes = SharedData.bytes(file);
        GenericRecord expected = ReferenceReader.ocfRecord(bytes);
        GenericRecord candidate = ReferenceReader.nested(expected, "candidate");

        Alert alert = decoder.decode(bytes);

        assertThat(alert.survey()).isEqualTo(Survey.ZTF);
        assertThat(alert.format()).isEqualTo(AlertFormat.OCF);
        assertThat(alert.schemaId()).isEqualTo(-1);
        if (expected.getSchema().getField("alertId") == null) {
            assertThat(alert.alertId()).isEqualTo(candidate.get("candid"));
            assertThat(alert.objectId()).isEqualTo(expected.get("objectId").toString());
        }
        assertThat(alert.raDeg()).isEqualTo(ReferenceReader.number(candidate, "ra"));
        assertThat(alert.decDeg()).isEqualTo(ReferenceReader.number(candidate, "dec"));
        assertThat(alert.mjd()).isEqualTo(ReferenceReader.number(candidate, "jd") - JD_MINUS_MJD);
        assertThat(alert.band()).isEqualTo(switch ((Integer) candidate.get("fid")) {
            case 1 -> "g";
            case 2 -> "r";
            case 3 -> "i";
            default -> "";
        });
        assertThat(alert.magnitude()).isEqualTo(ReferenceReader.number(candidate, "magpsf"));
        assertThat(alert.magnitudeErr()).isEqualTo(ReferenceReader.number(candidate, "sigmapsf"));
        assertThat(alert.fluxNJy()).isNaN();
        assertThat(alert.fluxErrNJy()).isNaN();
        assertThat(alert.hasUsablePosition()).isTrue();
        assertThat(alert.record()).isEqualTo(expected);
        assertThat(alert.schemaVersion()).matches("\\d+\\.\\d+");
    }

    @ParameterizedTest
    @MethodSource("ztfAlerts")
    void shouldReportTheSchemaVersionOfTheZtfAvroAlertDirectory(Path file) throws Exception {
        Matcher version = ZTF_AVRO_ALERT_VERSION.matcher(file.toString().replace('\\', '/'));
        String expected = version.matches() ? version.group(1) : null;
        Alert alert = decoder.decode(SharedData.bytes(file));
        if (expected != null) {
            assertThat(alert.schemaVersion()).isEqualTo(expected);
        } else {
            assertThat(alert.schemaVersion()).isIn("3.2", "3.3", "4.02");
        }
    }

    @Test
    void shouldDecodeKnownValuesOfASchema33Alert() throws Exception {
        Alert alert = decoder.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro"));

        assertThat(alert.alertId()).isEqualTo(472263571115115000L);
        assertThat(alert.objectId()).isEqualTo("ZTF17aaajnnn");
        assertThat(alert.schemaVersion()).isEqualTo("3.3");
        assertThat(alert.raDeg()).isEqualTo(179.6402013);
        assertThat(alert.decDeg()).isEqualTo(52.0297203);
        assertThat(alert.mjd()).isCloseTo(58226.2635764, within(1e-7));
        assertThat(alert.band()).isEqualTo("r");
        assertThat(alert.magnitude()).isCloseTo(18.361856, within(1e-6));
        assertThat(alert.magnitudeErr()).isCloseTo(0.094040506, within(1e-8));
    }

    @Test
    void shouldDecodeKnownValuesOfASchema402Alert() throws Exception {
        Alert alert = decoder.decode(SharedData.bytes("ztf/alerts/misc/boom_2695378462115010012.v4_02.avro"));

        assertThat(alert.alertId()).isEqualTo(2695378462115010012L);
        assertThat(alert.objectId()).isEqualTo("ZTF18abudxnw");
        assertThat(alert.schemaVersion()).isEqualTo("4.02");
        assertThat(alert.raDeg()).isEqualTo(295.3031995);
        assertThat(alert.decDeg()).isEqualTo(-10.3958989);
        assertThat(alert.mjd()).isCloseTo(60449.3784606, within(1e-7));
        assertThat(alert.band()).isEqualTo("r");
        assertThat(alert.magnitude()).isCloseTo(14.906532, within(1e-6));
    }

    @Test
    void shouldUseTheTopLevelAlertIdOfSchema11AsAlertAndObjectId() throws Exception {
        Alert alert = decoder.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v1.1/1726958725155000.avro"));

        assertThat(alert.alertId()).isEqualTo(1726958725155000L);
        assertThat(((GenericRecord) alert.record().get("candidate")).get("candid")).isEqualTo(-1726958725155000L);
        assertThat(alert.objectId()).isEqualTo("1726958725155000");
        assertThat(alert.schemaVersion()).isEqualTo("1.1");
        assertThat(alert.raDeg()).isEqualTo(297.148469);
        assertThat(alert.decDeg()).isEqualTo(43.9080516);
        assertThat(alert.mjd()).isCloseTo(57581.30414, within(1e-7));
        assertThat(alert.band()).isEqualTo("r");
        assertThat(alert.magnitude()).isCloseTo(16.399767, within(1e-6));
    }

    @Test
    void shouldTakeTheRecordsSchemavsnOverTheOcfHeaderVersion() throws Exception {
        // Fink's 2018-12-03 alerts: the embedded schema says version 3.1, the records say schemavsn 3.2
        byte[] bytes = SharedData.bytes("ztf/alerts/fink-broker-2018-12-03-v3.2/697252845015010002.avro");
        assertThat(ReferenceReader.ocfRecord(bytes).getSchema().getProp("version")).isEqualTo("3.1");

        assertThat(decoder.decode(bytes).schemaVersion()).isEqualTo("3.2");
    }

    @Test
    void shouldDecodeTheSameAlertAlikeAcrossSchemaVersions30To33() throws Exception {
        Alert v30 = decoder.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.0/472263571115115000.avro"));
        Alert v33 = decoder.decode(SharedData.bytes("ztf/alerts/ztf-avro-alert/v3.3/472263571115115000.avro"));

        assertThat(v33).usingRecursiveComparison().comparingOnlyFields("alertId", "objectId", "raDeg", "decDeg",
                "mjd", "band", "magnitude", "magnitudeErr").isEqualTo(v30);
        assertThat(v30.schemaVersion()).isEqualTo("3.0");
    }
}
