package uk.ac.lsst.pipeline.filter.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.filter.TestRecords;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;

class AlertOutputTest {
    private static final FilterKey FILTER = new FilterKey("alice", "bright-sn");

    private static JsonNode json(byte[] bytes) throws IOException {
        return TestRecords.MAPPER.readTree(bytes);
    }

    @Test
    void idsShouldCarryTheIdentifiersAndTheFilter() throws IOException {
        AlertOutput output = new AlertOutput(TestRecords.read(TestRecords.supernovaCandidate()));

        JsonNode ids = json(output.value(OutputLevel.IDS, FILTER));

        assertThat(ids.toString()).isEqualTo("{\"alertId\":2650123456789015001,\"alertIdString\":\"2650123456789015001\","
                + "\"objectId\":\"ZTF24abcdefg\",\"objectIdNumber\":null,\"survey\":\"ZTF\",\"mjd\":60500.25,"
                + "\"filter\":\"alice/bright-sn\"}");
    }

    @Test
    void idsShouldFillAbsentFieldsWithNullAndTheIdStringFromTheId() throws IOException {
        ObjectNode minimal = TestRecords.MAPPER.createObjectNode().put("survey", "RUBIN").put("alertId", 42)
                .put("objectId", "99");
        AlertOutput output = new AlertOutput(TestRecords.read(minimal));

        JsonNode ids = json(output.value(OutputLevel.IDS, FILTER));

        assertThat(ids.get("alertIdString").textValue()).isEqualTo("42");
        assertThat(ids.get("mjd").isNull()).isTrue();
        assertThat(ids.get("objectIdNumber").isNull()).isTrue();
    }

    @Test
    void recordShouldBeTheAnnotatedRecordWithoutHistory() throws IOException {
        ObjectNode input = TestRecords.supernovaCandidate().put("extraField", "kept");
        AlertOutput output = new AlertOutput(TestRecords.read(input));

        JsonNode record = json(output.value(OutputLevel.RECORD, FILTER));

        ObjectNode expected = input.deepCopy();
        expected.remove("history");
        assertThat(record).isEqualTo(expected);
        assertThat(output.value(OutputLevel.RECORD, new FilterKey("bob", "x")))
                .isSameAs(output.value(OutputLevel.RECORD, FILTER));
    }

    @Test
    void fullShouldBeTheRecordAsReceivedWithHistory() throws IOException {
        AnnotatedRecord record = TestRecords.read(TestRecords.supernovaCandidate());

        byte[] full = new AlertOutput(record).value(OutputLevel.FULL, FILTER);

        assertThat(full).isEqualTo(record.bytes());
        assertThat(json(full).get("history").size()).isEqualTo(1);
    }

    @Test
    void recordOfAnInputWithoutHistoryShouldBeTheInputBytes() {
        ObjectNode input = TestRecords.supernovaCandidate();
        input.remove("history");
        AnnotatedRecord record = TestRecords.read(input);

        assertThat(new AlertOutput(record).value(OutputLevel.RECORD, FILTER)).isSameAs(record.bytes());
    }
}
