package uk.ac.lsst.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.testing.ProjectFiles;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.text.Counts;

/**
 * {@code pipeline filter test} and {@code pipeline filter fields} as a user runs them, offline. The alerts a filter
 * passes are checked against what its expression implies from the alerts' own values, read from the files with
 * plain Avro: a detection's magnitude is {@code candidate.magpsf}, an object's detections are the candidate and the
 * {@code prv_candidates} that have a {@code candid} (upper limits have none).
 */
class FilterOfflineCommandsTest {
    private static final Path ZTF = SharedData.path("ztf/alerts/fink-broker-2018-12-03-v3.2");
    private static final String EXPRESSION = "magnitude < 18.5 && features.nDetections >= 3";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path pipelineFile;

    /** The project's pipeline file, its sample catalogues found wherever the test runs. */
    @BeforeEach
    void writePipelineFile() throws IOException {
        String text = Files.readString(ProjectFiles.pipelineFile())
                .replace("${SAMPLES_DIR:-samples}", ProjectFiles.root().resolve("samples").toString());
        pipelineFile = Files.writeString(dir.resolve("pipeline.yaml"), text);
    }

    @Test
    void shouldPassExactlyTheAlertsTheExpressionImpliesAndShowTheRecordsItSaw() throws IOException {
        Map<Long, ZtfValues> alerts = ztfValues(ZTF);
        Set<Long> expected = alerts.entrySet().stream()
                .filter(e -> e.getValue().magpsf() < 18.5 && e.getValue().detections() >= 3)
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        CommandRun run = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", ZTF.toString(),
                "--expression", EXPRESSION, "--show", "all");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(expected).as("a test of a filter that passes some alerts and not others")
                .hasSizeBetween(2, alerts.size() - 2);
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).hasSize(alerts.size());
        assertThat(lines.stream().filter(l -> l.get("result").asText().equals("passed"))
                .map(l -> l.get("alertId").asLong())).containsExactlyInAnyOrderElementsOf(expected);
        for (JsonNode line : lines) {
            ZtfValues values = alerts.get(line.get("alertId").asLong());
            JsonNode record = line.get("record");
            assertThat(record.get("magnitude").asDouble()).isCloseTo(values.magpsf(), within(1e-6));
            assertThat(record.get("features").get("nDetections").asInt()).isEqualTo(values.detections());
            assertThat(record.get("objectId").asText()).isEqualTo(line.get("objectId").asText());
            assertThat(record.has("history")).isFalse();
        }
        assertThat(run.errLines()).last().isEqualTo("filter test: " + alerts.size() + " alerts, " + expected.size()
                + " passed, 0 errors, 0 skipped");
    }

    @Test
    void shouldPrintOnlyThePassedAlertsByDefaultAndNoRecordWithShowNone() throws IOException {
        Set<Long> passedWithRecords = alertIds(run("filter", "test", "-f", pipelineFile.toString(), "--alerts",
                ZTF.toString(), "--expression", EXPRESSION), true);
        Set<Long> passedWithout = alertIds(run("filter", "test", "-f", pipelineFile.toString(), "--alerts",
                ZTF.toString(), "--expression", EXPRESSION, "--show", "none"), false);

        assertThat(passedWithRecords).isNotEmpty().isEqualTo(passedWithout);
    }

    @Test
    void shouldListAndCountEvaluationErrorsAndStillExitZero() throws IOException {
        // an integer division by zero for the objects with exactly two detections, as CEL divides (like Java)
        Map<Long, ZtfValues> alerts = ztfValues(ZTF);
        Map<Long, String> expected = new HashMap<>();
        alerts.forEach((id, values) -> expected.put(id, values.detections() == 2 ? "error"
                : 12 / (values.detections() - 2) >= 1 ? "passed" : "failed"));

        CommandRun run = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", ZTF.toString(),
                "--expression", "12 / (features.nDetections - 2) >= 1", "--show", "all");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(expected).containsValues("error", "passed", "failed");
        Map<Long, String> results = jsonLines(run.out()).stream().collect(Collectors.toMap(
                l -> l.get("alertId").asLong(), l -> l.get("result").asText()));
        assertThat(results).isEqualTo(expected);
        List<String> errors = expected.entrySet().stream().filter(e -> e.getValue().equals("error"))
                .map(e -> "filter test: alert " + e.getKey() + " of " + ZTF.resolve(e.getKey() + ".avro")
                        + ": line 1, column 4: / by zero").toList();
        long passed = Collections.frequency(expected.values(), "passed");
        assertThat(run.errLines()).containsSubsequence(errors).last().isEqualTo("filter test: " + alerts.size()
                + " alerts, " + passed + " passed, " + Counts.of(errors.size(), "error") + ", 0 skipped");
    }

    @Test
    void shouldRefuseAnExpressionWithATypeErrorAtItsPosition() throws IOException {
        Path expression = Files.writeString(dir.resolve("bad.cel"), "magnitude < 18.5 &&\n  band > 2\n");

        CommandRun inline = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", ZTF.toString(),
                "--expression", "magnitude < 18.5 && band > 2");
        CommandRun fromFile = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", ZTF.toString(),
                "--expression-file", expression.toString());

        assertThat(inline.code()).isEqualTo(2);
        assertThat(inline.out()).isEmpty();
        assertThat(inline.errLines()).containsExactly(
                "filter test: the expression of --expression does not compile",
                "line 1, column 26: found no matching overload for '_>_' applied to '(string, int)'",
                "  magnitude < 18.5 && band > 2",
                "                           ^");
        assertThat(fromFile.code()).isEqualTo(2);
        assertThat(fromFile.errLines()).contains("filter test: the expression of " + expression
                + " does not compile", "line 2, column 8: found no matching overload for '_>_' applied to "
                + "'(string, int)'", "    band > 2", "         ^");
    }

    @Test
    void shouldListEveryBadFileAndStillEvaluateTheGoodOnes() throws IOException {
        Path alerts = Files.createDirectories(dir.resolve("alerts"));
        List<String> good = List.of("697252845015010003.avro", "697252845115010001.avro", "697252845015010002.avro");
        for (String file : good) {
            Files.copy(ZTF.resolve(file), alerts.resolve(file));
        }
        Files.write(alerts.resolve("b-empty.avro"), new byte[0]);
        Files.writeString(alerts.resolve("c-notes.txt"), "alerts of 2018-12-03\n");
        byte[] ztf = Files.readAllBytes(ZTF.resolve("697252845015015004.avro"));
        Files.write(alerts.resolve("d-truncated.avro"), Arrays.copyOf(ztf, 30_000));
        Set<Long> expected = ztfValues(good.stream().map(alerts::resolve).toList()).entrySet().stream()
                .filter(e -> e.getValue().magpsf() < 18.5 && e.getValue().detections() >= 3)
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        CommandRun run = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", alerts.toString(),
                "--expression", EXPRESSION, "--show", "all");

        assertThat(run.code()).isEqualTo(1);
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).extracting(l -> l.get("file").asText())
                .containsExactlyInAnyOrderElementsOf(good.stream().map(f -> alerts.resolve(f).toString()).toList());
        assertThat(lines.stream().filter(l -> l.get("result").asText().equals("passed"))
                .map(l -> l.get("alertId").asLong())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(expected).isNotEmpty();
        List<String> skipped = run.errLines().stream().filter(l -> l.startsWith("filter test: skipped ")).toList();
        assertThat(skipped).hasSize(3);
        assertThat(skipped.get(0)).isEqualTo("filter test: skipped " + alerts.resolve("b-empty.avro") + ": is empty");
        assertThat(skipped.get(1)).startsWith("filter test: skipped " + alerts.resolve("c-notes.txt") + ": ")
                .contains("is neither an Avro OCF file");
        assertThat(skipped.get(2)).startsWith("filter test: skipped " + alerts.resolve("d-truncated.avro") + ": ");
        assertThat(run.errLines()).last().isEqualTo("filter test: 3 alerts, " + expected.size() + " passed, "
                + "0 errors, 3 skipped");
    }

    @Test
    void shouldAccumulateAnObjectsFeaturesOverItsFilesInOrder() throws IOException {
        // a later positive detection of the object of the first file, one day on, 0.5 mag brighter, without a
        // history of its own: only the state built from the first file can tell how many detections it has
        Path alerts = Files.createDirectories(dir.resolve("one-object"));
        Path first = Files.copy(ZTF.resolve("697252845015010003.avro"), alerts.resolve("a-first.avro"));
        long laterId = 697252845015010003L + 1_000_000_000L;
        Path later = writeLaterDetection(first, alerts.resolve("b-later.avro"), laterId);
        Path alone = Files.createDirectories(dir.resolve("alone"));
        Files.copy(later, alone.resolve("b-later.avro"));
        int firstDetections = ztfValues(alerts).get(697252845015010003L).detections();
        String expression = "features.nDetections > " + firstDetections;

        CommandRun together = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", alerts.toString(),
                "--expression", expression, "--show", "all");
        CommandRun byItself = run("filter", "test", "-f", pipelineFile.toString(), "--alerts", alone.toString(),
                "--expression", expression, "--show", "all");

        assertThat(together.code()).as(together.err()).isZero();
        List<JsonNode> lines = jsonLines(together.out());
        assertThat(lines).extracting(l -> l.get("result").asText()).containsExactly("failed", "passed");
        JsonNode before = lines.get(0).get("record").get("features");
        JsonNode after = lines.get(1).get("record").get("features");
        assertThat(lines.get(1).get("alertId").asLong()).isEqualTo(laterId);
        assertThat(before.get("nDetections").asInt()).isEqualTo(firstDetections);
        assertThat(after.get("nDetections").asInt()).isEqualTo(firstDetections + 1);
        assertThat(after.get("firstMjd").asDouble()).isEqualTo(before.get("firstMjd").asDouble());
        assertThat(after.get("g").get("latestMagnitude").asDouble())
                .isCloseTo(lines.get(1).get("record").get("magnitude").asDouble(), within(1e-9));
        List<JsonNode> aloneLines = jsonLines(byItself.out());
        assertThat(aloneLines).extracting(l -> l.get("result").asText()).containsExactly("failed");
        assertThat(aloneLines.get(0).get("record").get("features").get("nDetections").asInt()).isEqualTo(1);
    }

    @Test
    void shouldExitTwoWhenThePipelineFileHasNoFeaturesStage() throws IOException {
        Path file = Files.writeString(dir.resolve("bare.yaml"), """
                buffers:
                  ingest:
                    bootstrap: localhost:9093
                    topics:
                      alerts: {partitions: 1}
                stages: {}
                """);

        CommandRun run = run("filter", "test", "-f", file.toString(), "--alerts", ZTF.toString(), "--expression",
                EXPRESSION);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("filter test: " + file + " has no features-service stage");
    }

    @Test
    void fieldsShouldListWhatAnExpressionCanUseWithTypeAndMeaning() {
        CommandRun fields = run("filter", "fields");
        CommandRun schema = run("filter", "schema", "--markdown");

        assertThat(fields.code()).isZero();
        assertThat(fields.out().lines()).anySatisfy(l -> assertThat(l).matches(
                "features\\.nDetections +int +0 +detections of the object, this one included"))
                .anySatisfy(l -> assertThat(l).matches("magnitude +double +NaN: comparisons false +PSF magnitude "
                        + "of the detection, AB mag"))
                .anySatisfy(l -> assertThat(l).startsWith("history ").contains("not visible to filters"));
        assertThat(schema.code()).isZero();
        assertThat(schema.out()).startsWith("| Field | Type | When missing | Description |")
                .contains("| `features.nDetections` | int | 0 |");
    }

    /** The alert ids of the lines of a run, each line with or without its record. */
    private static Set<Long> alertIds(CommandRun run, boolean withRecords) {
        assertThat(run.code()).as(run.err()).isIn(0, 1);
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.get("result").asText()).isEqualTo("passed");
            assertThat(l.has("record")).isEqualTo(withRecords);
        });
        return lines.stream().map(l -> l.get("alertId").asLong()).collect(Collectors.toSet());
    }

    private static List<JsonNode> jsonLines(String out) {
        return out.lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** A ZTF alert's own values: its magnitude and its object's detections as the file tells them. */
    private record ZtfValues(double magpsf, int detections) {
    }

    /** The values of every alert file of a directory, all ZTF alerts, by candid. */
    private static Map<Long, ZtfValues> ztfValues(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return ztfValues(files.toList());
        }
    }

    /** The values of ZTF alert files, by candid. */
    private static Map<Long, ZtfValues> ztfValues(List<Path> files) throws IOException {
        Map<Long, ZtfValues> values = new HashMap<>();
        for (Path file : files) {
            GenericRecord alert = read(file);
            GenericRecord candidate = (GenericRecord) alert.get("candidate");
            List<?> history = (List<?>) alert.get("prv_candidates");
            long earlier = history == null ? 0
                    : history.stream().filter(p -> ((GenericRecord) p).get("candid") != null).count();
            values.put((Long) candidate.get("candid"), new ZtfValues(((Number) candidate.get("magpsf"))
                    .doubleValue(), 1 + (int) earlier));
        }
        return values;
    }

    private static GenericRecord read(Path file) throws IOException {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(),
                new GenericDatumReader<>())) {
            return reader.next();
        }
    }

    /**
     * The alert of {@code source} observed again a day later, 0.5 mag brighter, as a positive detection and alert
     * {@code candid}.
     */
    private static Path writeLaterDetection(Path source, Path target, long candid) throws IOException {
        GenericRecord original = read(source);
        GenericRecord alert = GenericData.get().deepCopy(original.getSchema(), original);
        GenericRecord candidate = (GenericRecord) alert.get("candidate");
        alert.put("candid", candid);
        candidate.put("candid", candid);
        candidate.put("jd", (Double) candidate.get("jd") + 1.0);
        candidate.put("magpsf", (Float) candidate.get("magpsf") - 0.5f);
        candidate.put("isdiffpos", "t");
        alert.put("prv_candidates", null);
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(
                alert.getSchema()))) {
            writer.create(alert.getSchema(), target.toFile());
            writer.append(alert);
        }
        return target;
    }

    private static CommandRun run(String... args) {
        return CommandRun.run(args);
    }
}
