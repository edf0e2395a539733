package uk.ac.lsst.pipeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.local.replay.SampleAlerts;
import uk.ac.lsst.pipeline.testing.ProjectFiles;

class LocalDemoTest {
    /** The samples bundled with the repository (the module runs with its own directory as working directory). */
    private static final Path SAMPLES = Path.of("..", "samples");

    @TempDir
    Path out;

    @Test
    void shouldRunEveryStageOnEveryReplayedSampleAndDeadLetterTheCorruptOnes() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        DemoSummary summary = new LocalDemo(new PrintStream(progress, true, StandardCharsets.UTF_8)).run(
                new LocalDemo.Request(ProjectFiles.pipelineFile(), SAMPLES, 120, List.of("ztf", "lsst"), new ReplaySchedule.FullSpeed(), 2, 8, 1,
                        Duration.ofMinutes(3), out, false));

        assertThat(summary.complete()).isTrue();
        assertThat(summary.replayedTotal()).isEqualTo(120);
        assertThat(summary.replayed()).containsOnlyKeys(SampleAlerts.ZTF_TOPIC, SampleAlerts.RUBIN_TOPIC);
        assertThat(summary.ingested()).isEqualTo(120);
        assertThat(summary.stages()).containsOnlyKeys("buffer-ingest", "crossmatch-service", "watchlist-service",
                "features-service", "filter-service", "thumbnail-service");
        assertThat(summary.stages().get("buffer-ingest")).isEqualTo(new DemoSummary.StageCounts(122, 120, 2));
        assertThat(summary.stages().get("crossmatch-service").written()).isEqualTo(120);
        assertThat(summary.stages().get("thumbnail-service").written()
                + summary.stages().get("thumbnail-service").deadLetters()).isEqualTo(120);
        assertThat(summary.stages().get("watchlist-service").in()).isEqualTo(120);
        assertThat(summary.hits()).as("the demo list holds sample alerts' positions").isPositive();
        assertThat(summary.stages().get("features-service").written()).isEqualTo(120);
        assertThat(summary.stages().get("filter-service").in()).isEqualTo(120);
        assertThat(summary.filters()).containsOnlyKeys("filter-demo-bright-sn-candidates", "filter-demo-brightening",
                "filter-demo-watched-detections");
        assertThat(summary.filters().values()).as("every sample filter passes some sample alerts")
                .allSatisfy(n -> assertThat(n).isPositive());
        assertThat(summary.filters().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(summary.stages().get("filter-service").written());
        assertThat(summary.deadLetters().get("buffer-ingest").values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2);
        assertThat(Path.of(summary.thumbnails().gallery())).exists();
        assertThat(Files.readString(Path.of(summary.thumbnails().gallery()))).contains("<img");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("crossmatch-service")
                .contains("applied 15 topic change(s) of " + ProjectFiles.pipelineFile())
                .contains("annotator          external stage: not run by the demo");
        assertThat(summary.buffers()).containsOnlyKeys("upstream", "ingest", "science");
        uk.ac.lsst.pipeline.spec.PipelineSpec runFile = uk.ac.lsst.pipeline.spec.PipelineSpec.load(
                out.resolve("pipeline.yaml"), Map.of(), uk.ac.lsst.pipeline.stage.StageRegistry.load().kinds());
        assertThat(runFile.buffer("ingest").bootstrap()).isEqualTo(summary.buffers().get("ingest"));
        assertThat(runFile.buffer("science").bootstrap()).isEqualTo(summary.buffers().get("science"));

        JsonNode json = new ObjectMapper().readTree(summary.write(out).toFile());
        assertThat(json.get("ingested").asLong()).isEqualTo(120);
        assertThat(json.get("complete").asBoolean()).isTrue();
        assertThat(json.get("stages").get("crossmatch-service").get("written").asLong()).isEqualTo(120);
    }

    @Test
    void shouldShareAlertsBetweenSurveysByTheirNumberOfFiles() {
        Map<String, Path> sources = SampleAlerts.sources(SAMPLES.resolve("alerts"), List.of("ztf", "lsst"));
        Map<String, Long> shares = SampleAlerts.share(540, sources);
        assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(540);
        assertThat(shares.get(SampleAlerts.RUBIN_TOPIC)).isEqualTo(200);
        assertThat(shares.get(SampleAlerts.ZTF_TOPIC)).isEqualTo(340);
        assertThat(SampleAlerts.sources(SAMPLES.resolve("alerts"), List.of("ztf"))).containsOnlyKeys(SampleAlerts.ZTF_TOPIC);
    }
}
