package uk.ac.lsst.pipeline.filter.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.filter.TestRecords;

class AnnotatedRecordReaderTest {

    private static AnnotatedRecord read(ObjectNode json) throws AnnotatedRecordException {
        return AnnotatedRecordReader.read(TestRecords.bytes(json));
    }

    @Test
    void shouldBindEveryTopLevelFieldWithItsCelValue() throws AnnotatedRecordException {
        AnnotatedRecord record = read(TestRecords.supernovaCandidate());
        FilterVariables v = record.variables();

        assertThat(record.alertId()).isEqualTo(2_650_123_456_789_015_001L);
        assertThat(record.objectId()).isEqualTo("ZTF24abcdefg");
        assertThat(v.get("alertId")).isEqualTo(2_650_123_456_789_015_001L);
        assertThat(v.get("magnitude")).isEqualTo(18.7);
        assertThat(v.get("positive")).isEqualTo(true);
        assertThat(v.get("classification")).isEqualTo("SN");
        assertThat((Double) v.get("fluxNJy")).isNaN();
        assertThat(v.get("objectIdNumber")).isEqualTo(FieldValues.NULL);
        assertThat(v.get("history")).isNull();
        assertThat(v.find("history")).isEmpty();
    }

    @Test
    void shouldFillAbsentBandsAndNullNumbersWithMissingValues() throws AnnotatedRecordException {
        Map<?, ?> features = (Map<?, ?>) read(TestRecords.supernovaCandidate()).variables().get("features");
        Map<?, ?> z = (Map<?, ?>) features.get("z");
        Map<?, ?> r = (Map<?, ?>) features.get("r");

        assertThat(z.get("nDetections")).isEqualTo(0L);
        assertThat((Double) z.get("peakMagnitude")).isNaN();
        assertThat(z.keySet()).isEqualTo(r.keySet());
        assertThat((Double) r.get("latestFluxNJy")).isNaN();
    }

    @Test
    void shouldReadAMinimalRecordWithEveryOptionalFieldMissing() throws AnnotatedRecordException {
        String json = "{\"survey\":\"RUBIN\",\"alertId\":7,\"objectId\":\"123\"}";

        FilterVariables v = AnnotatedRecordReader.read(json.getBytes(StandardCharsets.UTF_8)).variables();

        assertThat(v.get("matches")).isEqualTo(List.of());
        assertThat(v.get("classification")).isEqualTo("");
        assertThat(v.get("positive")).isEqualTo(false);
        assertThat(v.get("producedAtMs")).isEqualTo(0L);
        assertThat((Double) v.get("raDeg")).isNaN();
        assertThat(((Map<?, ?>) v.get("features")).get("nDetections")).isEqualTo(0L);
    }

    @Test
    void shouldReadCatalogueColumnsAsDoublesStringsAndNaN() throws AnnotatedRecordException {
        ObjectNode json = TestRecords.supernovaCandidate();
        ((ObjectNode) json.get("matches").get(0).get("columns")).put("nObs", 12).put("flag", true);

        List<?> matches = (List<?>) read(json).variables().get("matches");
        Map<?, ?> columns = (Map<?, ?>) ((Map<?, ?>) matches.get(0)).get("columns");

        assertThat(columns.get("photoZ")).isEqualTo(0.05);
        assertThat(columns.get("nObs")).isEqualTo(12.0);
        assertThat(columns.get("morphology")).isEqualTo("SER");
        assertThat(columns.get("flag")).isEqualTo(true);
        assertThat((Double) columns.get("specZ")).isNaN();
    }

    @Test
    void shouldAcceptAWholeFloatingNumberWhereAnIntIsExpected() throws AnnotatedRecordException {
        ObjectNode json = TestRecords.supernovaCandidate();
        ((ObjectNode) json.get("features")).put("nDetections", 3.0);

        Map<?, ?> features = (Map<?, ?>) read(json).variables().get("features");

        assertThat(features.get("nDetections")).isEqualTo(3L);
    }

    @Test
    void shouldRefuseAFieldOfTheWrongTypeNamingItsPath() {
        ObjectNode wrongInt = TestRecords.supernovaCandidate();
        ((ObjectNode) wrongInt.get("features").get("r")).put("nDetections", 2.5);
        ObjectNode wrongDouble = TestRecords.supernovaCandidate().put("magnitude", "bright");
        ObjectNode wrongList = TestRecords.supernovaCandidate().put("matches", "none");
        ObjectNode wrongItem = TestRecords.supernovaCandidate();
        ((com.fasterxml.jackson.databind.node.ArrayNode) wrongItem.get("watchlists")).add(3);
        ObjectNode wrongColumn = TestRecords.supernovaCandidate();
        ((ObjectNode) wrongColumn.get("matches").get(0).get("columns")).putArray("flags");

        assertThatThrownBy(() -> read(wrongInt)).isInstanceOf(AnnotatedRecordException.class)
                .hasMessage("field features.r.nDetections: expected an integer (64-bit), found number 2.5");
        assertThatThrownBy(() -> read(wrongDouble))
                .hasMessage("field magnitude: expected a number or null, found string \"bright\"");
        assertThatThrownBy(() -> read(wrongList)).hasMessage("field matches: expected an array, found string \"none\"");
        assertThatThrownBy(() -> read(wrongItem)).hasMessage("field watchlists[1]: expected an object, found number 3");
        assertThatThrownBy(() -> read(wrongColumn))
                .hasMessage("field matches[0].columns.flags: expected a number, string, bool or null, found array []");
    }

    @Test
    void shouldRefuseARecordWithoutItsIds() {
        ObjectNode noAlertId = TestRecords.supernovaCandidate();
        noAlertId.remove("alertId");
        ObjectNode nullObject = TestRecords.supernovaCandidate();
        nullObject.putNull("objectId");

        assertThatThrownBy(() -> read(noAlertId)).isInstanceOf(AnnotatedRecordException.class)
                .hasMessage("annotated record without alertId (required; expected int)");
        assertThatThrownBy(() -> read(nullObject))
                .hasMessage("annotated record without objectId (required; expected string)");
    }

    @Test
    void shouldRefuseBytesThatAreNotAJsonObject() {
        assertThatThrownBy(() -> AnnotatedRecordReader.read("{\"survey\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(AnnotatedRecordException.class).hasMessageStartingWith("annotated record is not valid JSON");
        assertThatThrownBy(() -> AnnotatedRecordReader.read("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("annotated record is not a JSON object");
        assertThatThrownBy(() -> AnnotatedRecordReader.read(null)).hasMessage("annotated record has no value (null)");
    }
}
