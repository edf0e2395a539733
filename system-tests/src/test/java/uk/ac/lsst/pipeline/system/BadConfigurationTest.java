package uk.ac.lsst.pipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.testing.JvmProcess;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * Every stage process started with bad settings, and crossmatch-service with a catalogue that does not parse,
 * stops at once with exit code 2 and a message that names every problem, having created nothing on its buffers
 * (nothing half-applied).
 */
class BadConfigurationTest {
    private static TestBuffer buffer;

    @TempDir
    Path work;

    @BeforeAll
    static void startBuffer() {
        buffer = TestBuffer.start();
    }

    @AfterAll
    static void stopBuffer() {
        buffer.close();
    }

    @Test
    void shouldStopEveryStageWithBadSettingsNamingEveryProblemAndCreatingNothing() throws Exception {
        Map<String, String> bad = new HashMap<>();
        bad.put("INPUT_BOOTSTRAP_SERVERS", buffer.bootstrapServers());
        bad.put("STREAM_THREADS", "none");
        bad.put("HTTP_PORT", "99999");
        bad.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
        Map<String, List<String>> ownVariables = Map.of(
                "buffer-ingest", List.of("UPSTREAM_TOPIC"),
                "crossmatch-service", List.of("CATALOGUES"),
                "features-service", List.of("CATALOGUES"),
                "thumbnail-service", List.of("THUMBNAIL_DIR"));
        StageRegistry registry = StageRegistry.load();
        assertThat(registry.ids()).contains("buffer-ingest", "crossmatch-service", "watchlist-service",
                "thumbnail-service", "features-service", "filter-service");
        for (String stage : registry.ids()) {
            String output = runToExit(stage, bad, 2);
            List<String> variables = new java.util.ArrayList<>(List.of("OUTPUT_BOOTSTRAP_SERVERS", "STREAM_THREADS",
                    "HTTP_PORT"));
            variables.addAll(ownVariables.getOrDefault(stage, List.of()));
            for (String variable : variables) {
                assertThat(output).as("%s names %s", stage, variable).contains(variable);
            }
        }
        assertThat(userTopics()).isEmpty();
    }

    @Test
    void shouldStopCrossmatchWithAMalformedCatalogueNamingTheFileAndCreatingNothing() throws Exception {
        Path catalogue = work.resolve("broken.csv");
        Files.writeString(catalogue, "ra,dec,id\n10.0,20.0,a\n\"unterminated,30.0,b\n11.0\n");
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", buffer.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", buffer.bootstrapServers());
        env.put("CATALOGUES", "broken");
        env.put("CATALOGUE_BROKEN_FILE", catalogue.toString());
        env.put("CATALOGUE_BROKEN_ID_COLUMN", "nosuchcolumn");
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", work.resolve("state").toString());
        String output = runToExit("crossmatch-service", env, 2);
        assertThat(output).contains("broken");
        assertThat(userTopics()).isEmpty();
    }

    /** Runs a stage through the generic entry point in a JVM of its own until it exits. */
    private String runToExit(String stage, Map<String, String> env, int expectedCode) throws Exception {
        Path log = work.resolve(stage + ".log");
        try (JvmProcess process = JvmProcess.start(stage, StageMain.class, env, log, List.of("-Xmx256m"),
                List.of(stage))) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> !process.isAlive());
            String output = Files.readString(log);
            assertThat(process.exitCode()).as("exit code of %s:%n%s", stage, output)
                    .isEqualTo(expectedCode);
            return output;
        }
    }

    private static Set<String> userTopics() throws Exception {
        try (Admin admin = buffer.admin()) {
            return admin.listTopics().names().get();
        }
    }
}
