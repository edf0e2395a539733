package uk.ac.lsst.pipeline.benchmarks.crossmatch;

import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchStage;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * A load test of the whole stage: two real Kafka buffers in this JVM (ingest and science), {@code alerts} copies of
 * the bundled sample alerts (cycled with fresh ids and positions moved within 2 arcsec) published into the ingest
 * buffer's {@code alerts} topic (16 partitions), then crossmatch-service started against a catalogue file and
 * timed until it has published a result for every alert. A Rubin visit is ~10,000 alerts every ~40 s. Bounded;
 * loopback only.
 *
 * <pre>
 * java -Xmx3g -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.crossmatch.StageLoadTest \
 *     20000 /tmp/synthetic-10m.fits 2
 * </pre>
 */
public final class StageLoadTest {
    private StageLoadTest() {
    }

    public static void main(String[] args) throws Exception {
        long alerts = args.length > 0 ? Long.parseLong(args[0]) : 20_000;
        Path catalogue = Path.of(args.length > 1 ? args[1] : "samples/catalogues/sdss_dr14_star_galaxy_qso_2k.csv");
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path samples = Path.of("samples/alerts");
        try (EmbeddedBuffer ingest = EmbeddedBuffer.start("ingest");
             EmbeddedBuffer science = EmbeddedBuffer.start("science")) {
            ReplayResult replayed;
            try (Replayer replayer = Replayer.connect(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    ingest.bootstrapServers()), SchemaSources.none())) {
                replayed = replayer.run(ReplayRequest.builder("alerts", List.of(samples)).count(alerts)
                        .jitterArcsec(2).seed(1).createTopic(16).build(), p -> { });
            }
            System.out.println("replayed: " + replayed.summary());

            Map<String, String> env = new HashMap<>();
            env.put("INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
            env.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
            env.put("STREAM_THREADS", String.valueOf(threads));
            env.put("HTTP_PORT", "0");
            env.put("STATE_DIR", Files.createTempDirectory("xm-load").toString());
            env.put("CATALOGUES", "big");
            env.put("CATALOGUE_BIG_FILE", catalogue.toString());
            if (catalogue.toString().contains("synthetic")) {
                env.put("CATALOGUE_BIG_ID_COLUMN", "id");
                env.put("CATALOGUE_BIG_TYPE_COLUMN", "class");
                env.put("CATALOGUE_BIG_CARRY_COLUMNS", "redshift,r");
            }
            science.ensureTopics(List.of(TopicSpec.of("crossmatch", 16), TopicSpec.of("crossmatch-dead-letters", 1)));
            long loadStart = System.nanoTime();
            StageRunner created = StageMain.create(new CrossmatchStage(), env);
            System.out.printf("catalogue loaded and indexed in %.1f s%n", (System.nanoTime() - loadStart) / 1e9);
            StageMetrics metrics = created.metrics();
            long start = System.nanoTime();
            long firstOut = 0;
            try (StageRunner runner = created) {
                runner.start();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                while (metrics.alertsOut() + deadLetters(metrics) < alerts) {
                    if (firstOut == 0 && metrics.alertsOut() > 0) {
                        firstOut = System.nanoTime();
                    }
                    if (System.nanoTime() > deadline || runner.failed()) {
                        throw new IllegalStateException("stage did not finish: " + metrics.alertsOut() + " out");
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                long end = System.nanoTime();
                Timer match = metrics.registry().find("crossmatch.match").timer();
                System.out.printf("%,d alerts in, %,d results out; %.1f s from start (%,.0f alerts/s), %.1f s from the"
                                + " first result (%,.0f alerts/s) with %d stream thread(s); match time mean %.1f us,"
                                + " max %.1f us%n", (long) metrics.alertsIn(), (long) metrics.alertsOut(),
                        (end - start) / 1e9, metrics.alertsOut() / ((end - start) / 1e9), (end - firstOut) / 1e9,
                        metrics.alertsOut() / ((end - firstOut) / 1e9), threads,
                        match.mean(TimeUnit.MICROSECONDS), match.max(TimeUnit.MICROSECONDS));
            }
        }
    }

    private static double deadLetters(StageMetrics metrics) {
        return metrics.registry().find("pipeline.dead.letters").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
