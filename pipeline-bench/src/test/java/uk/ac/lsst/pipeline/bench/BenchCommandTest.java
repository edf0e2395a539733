package uk.ac.lsst.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    /** The samples bundled with the repository (the module runs with its own directory as working directory). */
    private static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path out;

    @Test
    void shouldMeasureEveryStageOfATinyRunAndWriteReportAndChart() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = new CommandLine(new BenchCommand()).execute("--alerts", "50", "--survey", "both",
                    "--no-references", "--samples", SAMPLES.toString(), "--out", out.toString());
        } finally {
            System.setOut(original);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();

        JsonNode run = new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("run");
        assertThat(run.get("complete").asBoolean()).isTrue();
        assertThat(run.get("alertsReplayed").asLong()).isEqualTo(50);
        assertThat(run.get("alertsIngested").asLong()).isEqualTo(50);
        assertThat(run.get("stages")).hasSize(4);
        for (JsonNode stage : run.get("stages")) {
            String name = stage.get("stage").asText();
            assertThat(stage.get("alertsIn").asLong()).as(name).isEqualTo(50);
            JsonNode latency = stage.get("latency");
            assertThat(latency.get("count").asInt()).as(name).isEqualTo(stage.get("recordsOut").asInt());
            assertThat(latency.get("p50Ms").asLong()).as(name)
                    .isBetween(0L, latency.get("p99Ms").asLong());
            assertThat(latency.get("p99Ms").asLong()).as(name).isLessThanOrEqualTo(latency.get("maxMs").asLong());
            assertThat(stage.get("alertsPerSecondIn").asDouble()).as(name).isPositive();
            if (!name.equals("watchlist-service")) {
                assertThat(stage.get("recordsOut").asLong()).as(name).isEqualTo(50);
                assertThat(latency.get("maxMs").asLong()).as(name).isPositive();
            }
        }
        assertThat(run.get("watchlistTrigger").get("count").asInt()).isPositive();
        assertThat(run.get("series").get("crossmatch-service")).isNotEmpty();
        assertThat(run.get("layout").get("balanced").asBoolean()).isTrue();
        assertThat(Files.readString(out.resolve("bench.svg"))).startsWith("<svg").contains("crossmatch-service");
        assertThat(text).contains("watch-list trigger latency", "whole pipeline", "thumbnail-service");
    }
}
