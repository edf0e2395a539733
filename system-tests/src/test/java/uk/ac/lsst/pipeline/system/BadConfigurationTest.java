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
import uk.ac.lsst.pipeline.crossmatch.CrossmatchMain;
import uk.ac.lsst.pipeline.ingest.IngestMain;
import uk.ac.lsst.pipeline.testing.JvmProcess;
import uk.ac.lsst.pipeline.testing.TestBuffer;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailMain;
import uk.ac.lsst.pipeline.watchlist.WatchlistMain;

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
        Map<Class<?>, List<String>> expected = Map.of(
                IngestMain.class, List.of("OUTPUT_BOOTSTRAP_SERVERS", "STREAM_THREADS", "HTTP_PORT", "UPSTREAM_TOPIC"),
                CrossmatchMain.class, List.of("OUTPUT_BOOTSTRAP_SERVERS", "STREAM_THREADS", "HTTP_PORT", "CATALOGUES"),
                WatchlistMain.class, List.of("OUTPUT_BOOTSTRAP_SERVERS", "STREAM_THREADS", "HTTP_PORT"),
                ThumbnailMain.class, List.of("OUTPUT_BOOTSTRAP_SERVERS", "STREAM_THREADS", "HTTP_PORT",
                        "THUMBNAIL_DIR"));
        for (Map.Entry<Class<?>, List<String>> e : expected.entrySet()) {
            String output = runToExit(e.getKey(), bad, 2);
            for (String variable : e.getValue()) {
                assertThat(output).as("%s names %s", e.getKey().getSimpleName(), variable).contains(variable);
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
        String output = runToExit(CrossmatchMain.class, env, 2);
        assertThat(output).contains("broken");
        assertThat(userTopics()).isEmpty();
    }

    private String runToExit(Class<?> main, Map<String, String> env, int expectedCode) throws Exception {
        Path log = work.resolve(main.getSimpleName() + ".log");
        try (JvmProcess process = JvmProcess.start(main.getSimpleName(), main, env, log)) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> !process.isAlive());
            String output = Files.readString(log);
            assertThat(process.exitCode()).as("exit code of %s:%n%s", main.getSimpleName(), output)
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
