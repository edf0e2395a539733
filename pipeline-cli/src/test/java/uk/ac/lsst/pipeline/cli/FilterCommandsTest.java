package uk.ac.lsst.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.filter.definition.FilterChange;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterRecords;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.testing.ProjectFiles;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * {@code pipeline filter add/list/show/delete} as a user runs them, against a real science buffer (Kafka brokers
 * in-process) with the topics of the project's pipeline file. What the commands wrote is read back from the filters
 * topic itself.
 */
class FilterCommandsTest {
    private static final String BRIGHT_SN = "classification == \"SN\" && magnitude < 19.5";

    private static TestBuffer science;

    @TempDir
    static Path dir;

    private static String pipelineFile;

    @BeforeAll
    static void start() throws Exception {
        science = TestBuffer.start();
        science.createPipelineTopics("science", Map.of());
        String text = Files.readString(ProjectFiles.pipelineFile())
                .replace("${SCIENCE_BOOTSTRAP:-localhost:9094}", science.bootstrapServers());
        pipelineFile = Files.writeString(dir.resolve("pipeline.yaml"), text).toString();
    }

    @AfterAll
    static void stop() {
        science.close();
    }

    @Test
    void shouldAddListShowAndDeleteFilters() throws Exception {
        Path risers = Files.writeString(dir.resolve("risers.cel"), "features.rateSincePrevious < -0.5\n"
                + "  && features.nDetections >= 2\n");

        CommandRun add = run("filter", "add", "-f", pipelineFile, "--owner", "alice", "--name", "bright-sn",
                "--expression", BRIGHT_SN);
        CommandRun addFromFile = run("filter", "add", "-f", pipelineFile, "--owner", "lsst-uk", "--name", "risers",
                "--expression-file", risers.toString(), "--output", "ids", "--quota-mb", "5");

        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("registered filter alice/bright-sn (output record, quota 100 MB a day): the "
                + "alerts it passes go to topic filter-alice-bright-sn\n");
        assertThat(addFromFile.code()).as(addFromFile.err()).isZero();
        assertThat(addFromFile.out()).contains("topic filter-lsst--uk-risers");
        assertThat(latest("alice/bright-sn")).hasValue(FilterDefinition.of("alice", "bright-sn", BRIGHT_SN,
                OutputLevel.RECORD));
        assertThat(latest("lsst-uk/risers")).hasValue(new FilterDefinition("lsst-uk", "risers",
                Files.readString(risers), OutputLevel.IDS, 5_000_000L));

        CommandRun list = run("filter", "list", "-f", pipelineFile);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out().lines()).first().asString().matches("OWNER +NAME +OUTPUT +QUOTA/DAY +TOPIC +EXPRESSION");
        assertThat(list.out().lines()).anySatisfy(l -> assertThat(l).matches(
                "alice +bright-sn +record +100 MB +filter-alice-bright-sn +" + BRIGHT_SN.replace("&", "\\&")))
                .anySatisfy(l -> assertThat(l).matches("lsst-uk +risers +ids +5 MB +filter-lsst--uk-risers +"
                        + "features\\.rateSincePrevious < -0\\.5 && features\\.nDetections >= 2"));

        CommandRun show = run("filter", "show", "-f", pipelineFile, "lsst-uk/risers");
        assertThat(show.code()).as(show.err()).isZero();
        JsonNode shown = new ObjectMapper().readTree(show.out());
        assertThat(shown.get("owner").asText()).isEqualTo("lsst-uk");
        assertThat(shown.get("name").asText()).isEqualTo("risers");
        assertThat(shown.get("expression").asText()).isEqualTo(Files.readString(risers));
        assertThat(shown.get("outputLevel").asText()).isEqualTo("ids");
        assertThat(shown.get("dailyQuotaBytes").asLong()).isEqualTo(5_000_000L);
        assertThat(shown.get("topic").asText()).isEqualTo("filter-lsst--uk-risers");

        CommandRun delete = run("filter", "delete", "-f", pipelineFile, "alice/bright-sn");
        assertThat(delete.code()).as(delete.err()).isZero();
        assertThat(delete.out()).isEqualTo("deleted filter alice/bright-sn (its topic filter-alice-bright-sn is "
                + "kept)\n");
        assertThat(latest("alice/bright-sn")).isEmpty();
        assertThat(run("filter", "list", "-f", pipelineFile).out()).doesNotContain("bright-sn").contains("risers");
    }

    @Test
    void shouldRefuseAFilterThatDoesNotCompileAndRegisterNothing() {
        CommandRun add = run("filter", "add", "-f", pipelineFile, "--owner", "bob", "--name", "broken",
                "--expression", "band > 2");

        assertThat(add.code()).isEqualTo(2);
        assertThat(add.out()).isEmpty();
        assertThat(add.errLines()).containsExactly(
                "filter bob/broken refused, nothing registered: the expression of --expression does not compile",
                "line 1, column 6: found no matching overload for '_>_' applied to '(string, int)'",
                "  band > 2",
                "       ^");
        assertThat(records("bob/broken")).isEmpty();
        CommandRun list = run("filter", "list", "-f", pipelineFile);
        assertThat(list.code()).isZero();
        assertThat(list.out()).doesNotContain("broken");
    }

    @Test
    void unknownFiltersShouldExitOneAndBadNamesTwo() {
        CommandRun show = run("filter", "show", "-f", pipelineFile, "carol/nothing");
        CommandRun delete = run("filter", "delete", "-f", pipelineFile, "carol/nothing");
        CommandRun badKey = run("filter", "delete", "-f", pipelineFile, "carol");
        CommandRun badName = run("filter", "add", "-f", pipelineFile, "--owner", "Carol", "--name", "x",
                "--expression", "true");

        assertThat(show.code()).isEqualTo(1);
        assertThat(show.errLines()).containsExactly("no filter 'carol/nothing'");
        assertThat(delete.code()).isEqualTo(1);
        assertThat(delete.errLines()).containsExactly("no filter 'carol/nothing'");
        assertThat(records("carol/nothing")).isEmpty();
        assertThat(badKey.code()).isEqualTo(2);
        assertThat(badKey.err()).contains("filter key 'carol' is not <owner>/<name>");
        assertThat(badName.code()).isEqualTo(2);
        assertThat(badName.err()).contains("invalid filter Carol/x: owner 'Carol' starts with 'C'");
    }

    @Test
    void aBufferThatDoesNotAnswerShouldExitOneWithinTheTimeout() throws Exception {
        Path file = Files.writeString(dir.resolve("unreachable.yaml"), Files.readString(Path.of(pipelineFile))
                .replace(science.bootstrapServers(), "127.0.0.1:1"));

        CommandRun list = run("filter", "list", "-f", file.toString(), "--timeout", "PT1S");

        assertThat(list.code()).isEqualTo(1);
        assertThat(list.err()).startsWith("cannot read the filters: cannot list the topics of 127.0.0.1:1");
    }

    /** The records of one filter in the filters topic, in order. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String key) {
        return science.readAll(List.of("filters")).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(key)).toList();
    }

    /** The definition of the filter's latest record, empty for none or a tombstone. */
    private static Optional<FilterDefinition> latest(String key) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> records = records(key);
        assertThat(records).as("records of " + key).isNotEmpty();
        ConsumerRecord<byte[], byte[]> last = records.get(records.size() - 1);
        FilterChange change = FilterRecords.parse(last.key(), last.value());
        return change instanceof FilterChange.Upsert upsert ? Optional.of(upsert.definition()) : Optional.empty();
    }

    private static CommandRun run(String... args) {
        return CommandRun.run(args);
    }
}
