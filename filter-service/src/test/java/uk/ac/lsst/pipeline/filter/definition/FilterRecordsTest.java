package uk.ac.lsst.pipeline.filter.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class FilterRecordsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static FilterChange parse(String key, String value) throws FilterRecordException {
        return FilterRecords.parse(utf8(key), value == null ? null : utf8(value));
    }

    @Test
    void shouldWriteTheDocumentedJson() {
        FilterDefinition d = new FilterDefinition("alice", "bright-sn", "classification == \"SN\"", OutputLevel.RECORD,
                5_000);

        assertThat(new String(FilterRecords.value(d), StandardCharsets.UTF_8)).isEqualTo(
                "{\"owner\":\"alice\",\"name\":\"bright-sn\",\"expression\":\"classification == \\\"SN\\\"\","
                        + "\"outputLevel\":\"record\",\"dailyQuotaBytes\":5000}");
        assertThat(new String(FilterRecords.key(d.key()), StandardCharsets.UTF_8)).isEqualTo("alice/bright-sn");
    }

    @Property(seed = "20261204", tries = 300)
    void aDefinitionShouldSurviveTheJsonRoundTrip(@ForAll("definitions") FilterDefinition d)
            throws FilterRecordException {
        FilterChange change = FilterRecords.parse(FilterRecords.key(d.key()), FilterRecords.value(d));

        assertThat(change).isEqualTo(new FilterChange.Upsert(d));
    }

    @Test
    void aTombstoneShouldDeleteTheFilterOfItsKey() throws FilterRecordException {
        assertThat(parse("alice/sn", null)).isEqualTo(new FilterChange.Delete(new FilterKey("alice", "sn")));
    }

    @Test
    void shouldDefaultTheQuotaAndIgnoreUnknownFields() throws FilterRecordException {
        FilterChange change = parse("bob/fast", "{\"owner\":\"bob\",\"name\":\"fast\",\"expression\":\"true\","
                + "\"outputLevel\":\"ids\",\"description\":\"anything\"}");

        assertThat(change).isEqualTo(new FilterChange.Upsert(
                new FilterDefinition("bob", "fast", "true", OutputLevel.IDS, FilterDefinition.DEFAULT_DAILY_QUOTA_BYTES)));
    }

    @Test
    void shouldRefuseBadKeys() {
        assertThatThrownBy(() -> FilterRecords.parse(null, utf8("{}"))).isInstanceOf(FilterRecordException.class)
                .hasMessage("filter record without a key; expected <owner>/<name>");
        assertThatThrownBy(() -> parse("alice", "{}"))
                .hasMessage("filter record 'alice': filter key 'alice' is not <owner>/<name> (one '/')");
        assertThatThrownBy(() -> parse("Alice/sn", null)).hasMessageStartingWith("filter record 'Alice/sn': owner 'Alice'");
    }

    @Test
    void shouldRefuseValuesThatAreNotADefinitionListingEveryProblem() {
        assertThatThrownBy(() -> parse("alice/sn", "{\"owner\":")).isInstanceOf(FilterRecordException.class)
                .hasMessageStartingWith("filter record alice/sn: value is not valid JSON");
        assertThatThrownBy(() -> parse("alice/sn", "\"text\""))
                .hasMessage("filter record alice/sn: value is not a JSON object");
        assertThatThrownBy(() -> parse("alice/sn", "{\"owner\":\"alice\",\"name\":7,\"outputLevel\":\"all\","
                + "\"dailyQuotaBytes\":-3}"))
                .hasMessage("filter record alice/sn: name is number 7; expected a string; expression is missing; "
                        + "dailyQuotaBytes is -3; expected a positive whole number of bytes; "
                        + "outputLevel 'all' is not one of ids, record, full");
        assertThatThrownBy(() -> parse("alice/sn", "{\"owner\":\"bob\",\"name\":\"sn\",\"expression\":\"true\","
                + "\"outputLevel\":\"ids\"}"))
                .hasMessage("filter record alice/sn: owner 'bob' differs from the key's 'alice'");
        assertThatThrownBy(() -> parse("alice/sn", "{\"owner\":\"alice\",\"name\":\"sn\",\"expression\":\"\","
                + "\"outputLevel\":\"ids\"}"))
                .hasMessage("filter record alice/sn: invalid filter alice/sn: expression is missing or empty");
        assertThatThrownBy(() -> parse("alice/sn", "{\"owner\":\"alice\",\"name\":\"sn\",\"expression\":\"true\","
                + "\"outputLevel\":\"ids\",\"dailyQuotaBytes\":1.5}"))
                .hasMessage("filter record alice/sn: dailyQuotaBytes is 1.5; expected a positive whole number of bytes");
    }

    @Provide
    Arbitrary<FilterDefinition> definitions() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abz09_-".toCharArray()).ofMinLength(1).ofMaxLength(64)
                .filter(s -> Names.problem("name", s) == null);
        Arbitrary<String> expressions = Arbitraries.strings().withCharRange(' ', '\uD7FF').withChars("\n\t\"\\")
                .ofMinLength(1).ofMaxLength(200)
                .filter(s -> !s.isBlank());
        return Combinators.combine(names, names, expressions, Arbitraries.of(OutputLevel.class),
                Arbitraries.longs().between(1, Long.MAX_VALUE)).as(FilterDefinition::new);
    }
}
