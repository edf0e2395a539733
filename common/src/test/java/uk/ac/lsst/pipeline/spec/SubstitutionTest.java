package uk.ac.lsst.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {

    @Test
    void shouldTakeTheVariableOrItsDefaultAsShellsAndComposeDo() {
        Map<String, String> env = Map.of("SET", "value", "EMPTY", "");
        assertThat(Substitution.apply("${SET}", env).value()).isEqualTo("value");
        assertThat(Substitution.apply("${SET:-other}", env).value()).isEqualTo("value");
        assertThat(Substitution.apply("${UNSET:-other}", env).value()).isEqualTo("other");
        assertThat(Substitution.apply("${EMPTY:-other}", env).value()).isEqualTo("other");
        assertThat(Substitution.apply("${EMPTY-other}", env).value()).isEmpty();
        assertThat(Substitution.apply("${UNSET-other}", env).value()).isEqualTo("other");
        assertThat(Substitution.apply("host-${SET}:${PORT:-9092}", env).value()).isEqualTo("host-value:9092");
        assertThat(Substitution.apply("${X:--1}", env).value()).isEqualTo("-1");
    }

    @Test
    void shouldListTheVariablesUsedWithoutDefaultThatAreUnset() {
        Substitution.Result r = Substitution.apply("${A}/${B:-b}/${C}", Map.of());
        assertThat(r.unset()).containsExactly("A", "C");
        assertThat(r.value()).isEqualTo("/b/");
    }

    @Test
    void shouldGiveDefaultsAndTheNameOfASingleVariable() {
        assertThat(Substitution.defaults("${IMAGE:-apache/kafka:4.3.1}")).isEqualTo("apache/kafka:4.3.1");
        assertThat(Substitution.variableName(" ${KAFKA_IMAGE:-x} ")).isEqualTo("KAFKA_IMAGE");
        assertThat(Substitution.variableName("a${B}")).isNull();
    }
}
