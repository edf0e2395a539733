package uk.ac.lsst.pipeline.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {

    @Test
    void shouldUseTheSingularOnlyForOne() {
        assertThat(Counts.of(1, "alert")).isEqualTo("1 alert");
        assertThat(Counts.of(0, "alert")).isEqualTo("0 alerts");
        assertThat(Counts.of(2, "hit")).isEqualTo("2 hits");
        assertThat(Counts.of(-1, "alert")).isEqualTo("-1 alert");
        assertThat(Counts.of(1_000_000, "alert")).isEqualTo("1000000 alerts");
    }

    @Test
    void shouldFormRegularEnglishPlurals() {
        assertThat(Counts.of(3, "match")).isEqualTo("3 matches");
        assertThat(Counts.of(2, "box")).isEqualTo("2 boxes");
        assertThat(Counts.of(2, "entry")).isEqualTo("2 entries");
        assertThat(Counts.of(2, "day")).isEqualTo("2 days");
        assertThat(Counts.of(2, "catalogue")).isEqualTo("2 catalogues");
        assertThat(Counts.of(1, "match")).isEqualTo("1 match");
    }

    @Test
    void shouldTakeAnIrregularPluralWhenGiven() {
        assertThat(Counts.of(1, "child", "children")).isEqualTo("1 child");
        assertThat(Counts.of(4, "child", "children")).isEqualTo("4 children");
    }
}
