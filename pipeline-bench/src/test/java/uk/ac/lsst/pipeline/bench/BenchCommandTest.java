package uk.ac.lsst.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {
    @TempDir
    Path out;

    @Test
    void shouldMeasureEveryStageOfATinyRunAndWriteReportAndChart() throws Exception {
        BenchCli bench = BenchCli.run("--alerts", "50", "--survey", "both", "--no-references", "--samples",
                BenchCli.SAMPLES.toString(), "--out", out.toString());
        String text = bench.printed();
        assertThat(bench.exitCode()).as(text).isZero();

        JsonNode run = BenchCli.report(out);
        assertThat(run.get("complete").asBoolean()).isTrue();
        assertThat(run.get("topicPrefix").asText()).isEmpty();
        assertThat(run.get("stagesSkipped")).isEmpty();
        assertThat(run.get("alertsReplayed").asLong()).isEqualTo(50);
        assertThat(run.get("alertsIngested").asLong()).isEqualTo(50);
        assertThat(run.get("stages")).extracting(s -> s.get("stage").asText()).containsExactly("buffer-ingest",
                "crossmatch-service", "watchlist-service", "features-service", "filter-service", "thumbnail-service");
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
        assertThat(run.get("filterOutput").get("count").asInt()).as("the bench filter passes every alert")
                .isEqualTo(50);
        assertThat(run.get("series").get("crossmatch-service")).isNotEmpty();
        assertThat(run.get("layout").get("balanced").asBoolean()).isTrue();
        assertThat(Files.readString(out.resolve("bench.svg"))).startsWith("<svg").contains("crossmatch-service");
        assertThat(text).contains("watch-list trigger latency", "filter output latency", "whole pipeline:",
                "thumbnail-service");
    }

    @Test
    void shouldWarmUpOnItsOwnTopicsAndMeasureOnlyTheRunAfter() throws Exception {
        BenchCli bench = BenchCli.run("--alerts", "30", "--warmup", "20", "--survey", "ztf", "--stages",
                "watchlist-service", "--no-references", "--samples", BenchCli.SAMPLES.toString(), "--out",
                out.toString());
        String text = bench.printed();
        assertThat(bench.exitCode()).as(text).isZero();
        assertThat(text).contains("Warm-up: 20 alerts through the same stages, not measured",
                "Warm-up complete: 20 alerts; now the measured run",
                "Warm-up: 20 alerts through the same stages in this JVM before the measured run");

        JsonNode report = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        assertThat(report.get("warmupAlerts").asLong()).isEqualTo(20);
        JsonNode run = report.get("run");
        assertThat(run.get("complete").asBoolean()).isTrue();
        assertThat(run.get("alertsReplayed").asLong()).isEqualTo(30);
        assertThat(run.get("alertsIngested").asLong()).as("the warm-up's alerts are not in the run's topics")
                .isEqualTo(30);
        for (JsonNode stage : run.get("stages")) {
            assertThat(stage.get("alertsIn").asLong()).as(stage.get("stage").asText()).isEqualTo(30);
        }
    }

    @Test
    void shouldKeepEveryRunsWorkingDirectoryUntilTheBenchIsClosed() throws Exception {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--alerts", "5", "--survey", "ztf", "--stages", "watchlist-service",
                "--no-references", "--samples", BenchCli.SAMPLES.toString(), "--out", out.toString());
        List<Path> dirs;
        try (Bench bench = new Bench(new PrintStream(OutputStream.nullOutputStream()))) {
            assertThat(bench.run(command.request()).complete()).isTrue();
            assertThat(bench.run(command.request()).complete()).isTrue();
            dirs = bench.workDirectories();
            assertThat(dirs).hasSize(2).doesNotHaveDuplicates()
                    .allSatisfy(dir -> assertThat(dir.resolve("alerts")).isDirectory());
        }
        assertThat(dirs).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    @Test
    void shouldCompareBufferIngestWithMirrorMaker2OnMedianTrialsOfTheSameBacklog() throws Exception {
        BenchCli bench = BenchCli.run("--alerts", "20", "--survey", "ztf", "--stages", "buffer-ingest",
                "--partitions", "2", "--threads", "1", "--samples", BenchCli.SAMPLES.toString(), "--out",
                out.toString());
        String text = bench.printed();
        assertThat(bench.exitCode()).as(text).isZero();
        JsonNode refs = BenchCli.report(out).get("references");
        List<Double> mm2 = rates(refs.get("mirrorMaker2Trials"));
        List<Double> ingest = rates(refs.get("ingestBacklogTrials"));
        assertThat(mm2).hasSize(ReferenceRuns.MIRROR_TRIALS).allSatisfy(r -> assertThat(r).isPositive());
        assertThat(ingest).hasSize(ReferenceRuns.MIRROR_TRIALS).allSatisfy(r -> assertThat(r).isPositive());
        assertThat(refs.get("mirrorMaker2PerSecond").asDouble()).isEqualTo(mm2.stream().sorted().toList().get(1));
        assertThat(refs.get("ingestBacklogPerSecond").asDouble()).isEqualTo(ingest.stream().sorted().toList().get(1));
        assertThat(refs.get("ingestVsMirrorMaker2").asDouble()).isCloseTo(
                refs.get("ingestBacklogPerSecond").asDouble() / refs.get("mirrorMaker2PerSecond").asDouble(),
                within(1e-9));
        assertThat(text).contains("trial 3 ...", "median trials of [");
    }

    private static List<Double> rates(JsonNode array) {
        List<Double> rates = new ArrayList<>();
        array.forEach(r -> rates.add(r.asDouble()));
        return rates;
    }

    @Test
    void shouldTakeTheMedianTrialWhole() {
        assertThat(ReferenceRuns.median(List.of(new ReferenceRuns.Trial(900, 1, 7), new ReferenceRuns.Trial(500, 2, 8),
                new ReferenceRuns.Trial(700, 3, 9)))).isEqualTo(new ReferenceRuns.Trial(700, 3, 9));
    }

    @Test
    void shouldRefuseANegativeWarmUp() {
        BenchCli bench = BenchCli.run("--warmup", "-1");
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.errors()).contains("--warmup must be 0 (none) or more alerts, got -1");
    }

    @Test
    void shouldRefuseBrokersAndPresetWithAFileAndKeepTopicsWithout() {
        Path file = out.resolve("pipeline.yaml");
        assertThat(BenchCli.run("--file", file.toString(), "--brokers", "2").errors())
                .contains("--brokers does not apply with --file", file.toString());
        assertThat(BenchCli.run("--file", file.toString(), "--preset", "seed").errors())
                .contains("--preset does not apply with --file");
        BenchCli keep = BenchCli.run("--keep-topics");
        assertThat(keep.exitCode()).isEqualTo(2);
        assertThat(keep.errors()).contains("--keep-topics only applies with --file");
    }

    @Test
    void shouldRefuseAStageItDoesNotKnow() {
        BenchCli bench = BenchCli.run("--stages", "watchlist-service,thumbnails");
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.errors()).contains("--stages: 'thumbnails' is not a stage: expected a comma-separated "
                + "list of crossmatch-service, watchlist-service, features-service, filter-service, thumbnail-service");
    }

    @Test
    void shouldNameTheFileWhenItHasNoStageToFindABufferBy() throws Exception {
        Path file = Files.writeString(out.resolve("no-crossmatch.yaml"), """
                buffers:
                  upstream: {bootstrap: "127.0.0.1:1", managed: false}
                  ingest:
                    bootstrap: 127.0.0.1:2
                    topics: {alerts: {partitions: 1}, alerts-compact: {partitions: 1}, ingest-dead-letters: {partitions: 1}}
                stages:
                  buffer-ingest:
                    input: {buffer: upstream, topics: [ztf_20181203_programid1]}
                    output: {buffer: ingest, topics: {alerts: alerts, compact: alerts-compact,
                                                      dead-letters: ingest-dead-letters}}
                """);
        BenchCli bench = BenchCli.run("--file", file.toString());
        assertThat(bench.exitCode()).isEqualTo(2);
        assertThat(bench.errors()).contains("pipeline file " + file + " has no stage that reads buffer ingest",
                "science buffer");
    }
}
