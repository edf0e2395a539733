package uk.ac.lsst.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvTest {

    @Test
    void shouldReadASecretFromTheFileNamedByTheFileVariable(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("password"), "s3cret\n");
        Env env = new Env(Map.of("OUTPUT_SASL_PASSWORD_FILE", secret.toString()));
        assertThat(env.optional("OUTPUT_SASL_PASSWORD")).contains("s3cret");
        env.check();
    }

    @Test
    void shouldReportAnUnreadableSecretFileByName() {
        Env env = new Env(Map.of("X_FILE", "/nonexistent/secret"));
        assertThat(env.optional("X")).isEmpty();
        assertThatThrownBy(env::check).isInstanceOfSatisfying(SettingsException.class,
                e -> assertThat(e.problems()).singleElement().asString().startsWith("X_FILE: cannot read /nonexistent/secret"));
    }

    @Test
    void shouldParseTypedValuesAndCollectEveryProblem() {
        Env env = new Env(Map.of("N", "12", "BAD_N", "1e3", "D", "PT2S", "MS", "250", "B", "yes", "L", " a, ,b ",
                "BAD_D", "soon"));
        assertThat(env.integer("N", 0, 0, 100)).isEqualTo(12);
        assertThat(env.integer("BAD_N", 7, 0, 100)).isEqualTo(7);
        assertThat(env.integer("MISSING", 7, 0, 100)).isEqualTo(7);
        assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(env.duration("MS", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(env.duration("BAD_D", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(env.bool("B", false)).isTrue();
        assertThat(env.list("L")).containsExactly("a", "b");
        assertThat(env.required("REQ", "something useful")).isNull();
        assertThatThrownBy(env::check).isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                .containsExactly(
                        "BAD_N='1e3' is invalid: expected an integer from 0 to 100",
                        "BAD_D='soon' is invalid: expected an ISO-8601 duration such as PT30S, or milliseconds",
                        "REQ is missing: expected something useful"));
    }

    @Test
    void shouldReadAValueWithTheCallersParserAndReportTextItRefuses() {
        Env env = new Env(Map.of("SIZE", "cutout", "BAD_SIZE", "huge"));
        java.util.function.Function<String, Integer> size = s -> switch (s) {
            case "cutout" -> 0;
            default -> Integer.parseInt(s);
        };
        assertThat(env.value("SIZE", 5, size, "cutout or an integer")).isZero();
        assertThat(env.value("BAD_SIZE", 5, size, "cutout or an integer")).isEqualTo(5);
        assertThat(env.value("MISSING", 5, size, "cutout or an integer")).isEqualTo(5);
        assertThatThrownBy(env::check).isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                .containsExactly("BAD_SIZE='huge' is invalid: expected cutout or an integer"));
    }

    @Test
    void shouldTurnPrefixedVariablesIntoKafkaProperties() {
        Env env = new Env(Map.of("KAFKA_COMMIT_INTERVAL_MS", "100", "KAFKA_PRODUCER_LINGER_MS", "0",
                "INPUT_KAFKA_CLIENT_RACK", "zone-a", "OTHER", "x"));
        assertThat(env.kafkaProperties("KAFKA_"))
                .containsOnly(Map.entry("commit.interval.ms", "100"), Map.entry("producer.linger.ms", "0"));
        assertThat(env.kafkaProperties("INPUT_KAFKA_")).containsOnly(Map.entry("client.rack", "zone-a"));
    }
}
