package uk.ac.lsst.pipeline.filter.definition;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

class FilterTopicsTest {

    @Test
    void shouldNameTopicsFromOwnerAndNameDoublingTheOwnersDashes() {
        assertThat(FilterTopics.topic(new FilterKey("alice", "bright-sn"))).isEqualTo("filter-alice-bright-sn");
        assertThat(FilterTopics.topic(new FilterKey("lsst-uk", "sn"))).isEqualTo("filter-lsst--uk-sn");
        assertThat(FilterTopics.topic(new FilterKey("a-", "b"))).isEqualTo("filter-a---b");
    }

    @Test
    void ownersAndNamesThatWouldCollideWithSingleDashesShouldGetDifferentTopics() {
        String first = FilterTopics.topic(new FilterKey("a-b", "c"));
        String second = FilterTopics.topic(new FilterKey("a", "b-c"));

        assertThat(first).isNotEqualTo(second);
        assertThat(FilterTopics.key(first)).contains(new FilterKey("a-b", "c"));
        assertThat(FilterTopics.key(second)).contains(new FilterKey("a", "b-c"));
    }

    @Test
    void shouldRecogniseTopicsOutsideTheFilterNamespace() {
        assertThat(FilterTopics.isFilterNamespace("filters")).isFalse();
        assertThat(FilterTopics.isFilterNamespace("filter-definitions")).isFalse();
        assertThat(FilterTopics.isFilterNamespace("annotated-alerts")).isFalse();
        assertThat(FilterTopics.isFilterNamespace("filter-alice-")).isFalse();
        assertThat(FilterTopics.isFilterNamespace("filter-Alice-sn")).isFalse();
        assertThat(FilterTopics.isFilterNamespace("filter-service-dead-letter")).isTrue();
    }

    @Property(seed = "20261204", tries = 2000)
    void topicsShouldBeValidKafkaNamesAndMapBackToTheirFilter(@ForAll("keys") FilterKey key) {
        String topic = FilterTopics.topic(key);

        assertThat(topic).matches("[a-z0-9_-]{1,249}").startsWith("filter-");
        assertThat(FilterTopics.key(topic)).contains(key);
    }

    @Property(seed = "20261205", tries = 2000)
    void differentFiltersShouldNeverShareATopic(@ForAll("keys") FilterKey a, @ForAll("keys") FilterKey b) {
        assertThat(FilterTopics.topic(a).equals(FilterTopics.topic(b))).isEqualTo(a.equals(b));
    }

    @Provide
    Arbitrary<FilterKey> keys() {
        return Combinators.combine(names(), names()).as(FilterKey::new);
    }

    private static Arbitrary<String> names() {
        Arbitrary<Character> first = Arbitraries.chars().with("abc019".toCharArray());
        Arbitrary<String> rest = Arbitraries.strings().withChars("ab0-_".toCharArray()).ofMaxLength(63);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }
}
