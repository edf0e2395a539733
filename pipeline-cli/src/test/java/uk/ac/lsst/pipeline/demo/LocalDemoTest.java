package uk.ac.lsst.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.replay.ReplaySchedule;

class LocalDemoTest {
    /** The samples bundled with the repository (the module runs with its own directory as working directory). */
    private static final Path SAMPLES = Path.of("..", "samples", "alerts");

    @TempDir
    Path out;

    @Test
    void shouldIngestEveryReplayedSampleAndDeadLetterTheCorruptOnes() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DemoSummary summary = new LocalDemo(new PrintStream(progress, true, StandardCharsets.UTF_8)).run(
                new LocalDemo.Request(SAMPLES, 120, new ReplaySchedule.FullSpeed(), 2, 8, 2,
                        Duration.ofMinutes(2), false));

        assertThat(summary.complete()).isTrue();
        assertThat(summary.replayedTotal()).isEqualTo(120);
        assertThat(summary.replayed()).containsOnlyKeys(LocalDemo.ZTF_TOPIC, LocalDemo.RUBIN_TOPIC);
        assertThat(summary.ingested()).isEqualTo(120);
        assertThat(summary.deadLettersTotal()).isEqualTo(2);
        assertThat(summary.topics().get("alerts")).hasSize(8);
        assertThat(summary.topics().get("alerts").values().stream().mapToLong(Long::longValue).sum()).isEqualTo(120);
        assertThat(summary.stages().get("buffer-ingest")).containsEntry("in", 122.0).containsEntry("out", 120.0);
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("waiting for the pipeline");

        JsonNode json = new ObjectMapper().readTree(summary.write(out).toFile());
        assertThat(json.get("ingested").asLong()).isEqualTo(120);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("deadLetters").size()).isPositive();
    }

    @Test
    void shouldShareAlertsBetweenSurveysByTheirNumberOfFiles() {
        Map<String, Path> sources = new TreeMap<>(Map.of(
                LocalDemo.RUBIN_TOPIC, SAMPLES.resolve("rubin"), LocalDemo.ZTF_TOPIC, SAMPLES.resolve("ztf")));
        Map<String, Long> shares = LocalDemo.share(540, sources);
        assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(540);
        assertThat(shares.get(LocalDemo.RUBIN_TOPIC)).isEqualTo(200);
        assertThat(shares.get(LocalDemo.ZTF_TOPIC)).isEqualTo(340);
    }
}
