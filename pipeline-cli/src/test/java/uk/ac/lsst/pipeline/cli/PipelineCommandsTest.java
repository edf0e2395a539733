package uk.ac.lsst.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.testing.ProjectFiles;

/** The pipeline-file commands as a user runs them: arguments in, exit code and printed text out. */
class PipelineCommandsTest {
    private static EmbeddedBuffer ingest;
    private static EmbeddedBuffer science;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        ingest = EmbeddedBuffer.start("cli-ingest");
        science = EmbeddedBuffer.start("cli-science");
    }

    @AfterAll
    static void stop() {
        science.close();
        ingest.close();
    }

    /** The default pipeline file with its local buffers pointed at the test's brokers. */
    private static Path pipelineFile() throws Exception {
        String text = Files.readString(ProjectFiles.pipelineFile())
                .replace("${INGEST_BOOTSTRAP:-localhost:9093}", ingest.bootstrapServers())
                .replace("${SCIENCE_BOOTSTRAP:-localhost:9094}", science.bootstrapServers())
                .replace("${UPSTREAM_BOOTSTRAP:-localhost:9092}", "127.0.0.1:1");
        return Files.writeString(dir.resolve("pipeline.yaml"), text);
    }

    /** Exit code, what was printed (the command's own writer first), and the error stream. */
    private record Run(int code, String out, String err, String commandOut) {
    }

    private static Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            java.io.StringWriter commandOut = new java.io.StringWriter();
            CommandLine cli = new CommandLine(new PipelineCommand());
            cli.setOut(new java.io.PrintWriter(commandOut, true));
            int code = cli.execute(args);
            return new Run(code, commandOut + out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    commandOut.toString());
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void planApplyStatusAndEnvWorkOnTheDefaultPipeline() throws Exception {
        String file = pipelineFile().toString();
        Run plan = run("plan", "-f", file);
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("+ create   ingest/alerts  partitions 16")
                .contains("+ create   science/thumbnails").contains("15 changes");

        Run apply = run("apply", "-f", file);
        assertThat(apply.code()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("Applied 15 changes.");
        Run again = run("apply", "-f", file);
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("No changes");

        Run status = run("status", "-f", file, "--json", "--interval", "PT0.2S", "--timeout", "PT3S");
        JsonNode json = new ObjectMapper().readTree(status.commandOut());
        assertThat(status.code()).as("the upstream buffer is not running").isEqualTo(1);
        assertThat(json.get("buffers").get(0).get("name").asText()).isEqualTo("upstream");
        assertThat(json.get("buffers").get(0).get("reachable").asBoolean()).isFalse();
        assertThat(json.get("buffers").get(1).get("topics").size()).isEqualTo(4);
        assertThat(json.get("stages").get(1).get("name").asText()).isEqualTo("crossmatch-service");
        assertThat(json.get("stages").get(1).get("state").asText()).isEqualTo("never started");

        Run table = run("status", "-f", file, "--interval", "PT0.2S", "--timeout", "PT3S");
        assertThat(table.out()).contains("science/watchlist-hits").contains("crossmatch-service");

        Run env = run("env", "-f", file, "crossmatch-service");
        assertThat(env.code()).isZero();
        assertThat(env.out()).contains("INPUT_BOOTSTRAP_SERVERS=" + ingest.bootstrapServers())
                .contains("OUTPUT_BOOTSTRAP_SERVERS=" + science.bootstrapServers())
                .contains("CROSSMATCH_TOPIC=crossmatch").contains("CATALOGUES=sdss,demo");
    }

    @Test
    void shrinkingIsRefusedWithExitOne() throws Exception {
        Path file = Files.writeString(dir.resolve("shrink.yaml"), """
                buffers:
                  ingest:
                    bootstrap: %s
                    topics:
                      shrink-alerts: {partitions: 4}
                stages: {}
                """.formatted(ingest.bootstrapServers()));
        assertThat(run("apply", "-f", file.toString()).code()).isZero();
        Files.writeString(file, Files.readString(file).replace("partitions: 4", "partitions: 2"));
        Run refused = run("apply", "-f", file.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).contains("! refused  ingest/shrink-alerts  the file asks for 2 partitions");
        assertThat(refused.err()).contains("nothing applied");
    }

    @Test
    void badFilesAndArgumentsExitTwoWithTheLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "buffers:\n  ingest: {bootstrap: nowhere}\nstages: {}\n");
        Run plan = run("plan", "-f", bad.toString());
        assertThat(plan.code()).isEqualTo(2);
        assertThat(plan.err()).contains("line 2: buffer ingest bootstrap 'nowhere' is invalid");

        Run missing = run("plan", "-f", dir.resolve("absent.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the file");

        Run rewind = run("rewind", "-f", pipelineFile().toString(), "--stage", "crossmatch-service", "--to", "soon");
        assertThat(rewind.code()).isEqualTo(2);
        assertThat(rewind.err()).contains("--to 'soon' is invalid");

        Run env = run("env", "-f", pipelineFile().toString(), "no-such-stage");
        assertThat(env.code()).isEqualTo(2);
        assertThat(env.err()).contains("no stage 'no-such-stage'");

        Run external = run("stage", "annotator", "-f", pipelineFile().toString());
        assertThat(external.code()).isEqualTo(2);
        assertThat(external.err()).contains("it is an external stage");
    }

    @Test
    void envNeverPrintsSecrets() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "file-secret-123");
        Path file = Files.writeString(dir.resolve("secure.yaml"), """
                buffers:
                  upstream:
                    bootstrap: alerts.example.org:9094
                    managed: false
                    security:
                      protocol: SASL_SSL
                      sasl: {username: lsst-uk, password: {env: UPSTREAM_SASL_PASSWORD}}
                      ssl: {truststore: /etc/ts.p12, truststore-password: {file: %s}}
                  ingest:
                    bootstrap: localhost:9093
                    topics:
                      alerts: {partitions: 4}
                      alerts-compact: {partitions: 4}
                      ingest-dead-letters: {}
                stages:
                  buffer-ingest:
                    input: {buffer: upstream, topics: [lsst-alerts-v9]}
                    output: {buffer: ingest, topics: {alerts: alerts, compact: alerts-compact,
                                                      dead-letters: ingest-dead-letters}}
                """.formatted(pw));
        Run env = run("env", "-f", file.toString(), "buffer-ingest");
        assertThat(env.code()).as(env.err()).isZero();
        assertThat(env.out()).contains("INPUT_SECURITY_PROTOCOL=SASL_SSL")
                .contains("INPUT_SASL_PASSWORD=${UPSTREAM_SASL_PASSWORD}")
                .contains("INPUT_SSL_TRUSTSTORE_PASSWORD_FILE=" + pw)
                .contains("UPSTREAM_TOPICS=lsst-alerts-v9")
                .doesNotContain("file-secret-123");
    }
}
