package uk.ac.lsst.pipeline.filter.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FilterDefinitionTest {

    @Test
    void shouldAcceptValidNamesAndDefaultTheQuota() {
        FilterDefinition d = FilterDefinition.of("alice", "bright_sn-2", "magnitude < 19.0", OutputLevel.IDS);

        assertThat(d.dailyQuotaBytes()).isEqualTo(100_000_000L);
        assertThat(d.key()).isEqualTo(new FilterKey("alice", "bright_sn-2"));
        assertThat(d.key().toString()).isEqualTo("alice/bright_sn-2");
        assertThat(d.topic()).isEqualTo("filter-alice-bright_sn-2");
    }

    @Test
    void shouldSayWhatIsWrongWithAnOwnerOrName() {
        String expected = "expected 1 to 64 characters from a-z, 0-9, '_' and '-', starting with a letter or digit";

        assertThat(Names.problem("owner", "Alice")).isEqualTo("owner 'Alice' starts with 'A'; " + expected);
        assertThat(Names.problem("name", "bright.sn")).isEqualTo("name 'bright.sn' has '.' at position 7; " + expected);
        assertThat(Names.problem("name", "brightSN")).isEqualTo("name 'brightSN' has 'S' (upper case) at position 7; "
                + expected);
        assertThat(Names.problem("name", "-sn")).isEqualTo("name '-sn' starts with '-'; " + expected);
        assertThat(Names.problem("name", "")).isEqualTo("name is empty; " + expected);
        assertThat(Names.problem("owner", null)).isEqualTo("owner is missing; " + expected);
        assertThat(Names.problem("name", "a".repeat(65))).isEqualTo("name 'aaaaaaaaaaaaaaaaa...' is 65 characters long; "
                + expected);
        assertThat(Names.problem("name", "a".repeat(64))).isNull();
        assertThat(Names.problem("name", "0_-")).isNull();
    }

    @Test
    void shouldListEveryProblemOfADefinition() {
        assertThatThrownBy(() -> new FilterDefinition("Bob", "x y", " ", null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid filter Bob/x y: owner 'Bob' starts with 'B'")
                .hasMessageContaining("; name 'x y' has ' ' at position 2")
                .hasMessageContaining("; expression is missing or empty")
                .hasMessageContaining("; outputLevel is missing; expected one of ids, record, full")
                .hasMessageEndingWith("; dailyQuotaBytes is 0; expected a positive number of bytes");
    }

    @Test
    void shouldParseKeysOfTheFormOwnerSlashName() {
        assertThat(FilterKey.parse("alice/sn")).isEqualTo(new FilterKey("alice", "sn"));
        assertThatThrownBy(() -> FilterKey.parse("alice")).hasMessage("filter key 'alice' is not <owner>/<name> (one '/')");
        assertThatThrownBy(() -> FilterKey.parse("a/b/c")).hasMessage("filter key 'a/b/c' is not <owner>/<name> (one '/')");
        assertThatThrownBy(() -> FilterKey.parse("alice/")).hasMessageStartingWith("name is empty");
    }

    @Test
    void shouldParseOutputLevelsByTheirJsonName() {
        assertThat(OutputLevel.parse("ids")).isEqualTo(OutputLevel.IDS);
        assertThat(OutputLevel.parse("record")).isEqualTo(OutputLevel.RECORD);
        assertThat(OutputLevel.parse("full")).isEqualTo(OutputLevel.FULL);
        assertThatThrownBy(() -> OutputLevel.parse("FULL"))
                .hasMessage("outputLevel 'FULL' is not one of ids, record, full (lower case)");
        assertThatThrownBy(() -> OutputLevel.parse("all")).hasMessage("outputLevel 'all' is not one of ids, record, full");
    }
}
