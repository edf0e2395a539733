package uk.ac.lsst.pipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * Two instances of one stage (crossmatch-service, separate OS processes) in one consumer group over a
 * 4-partition input; one is killed with SIGKILL mid-stream and not restarted. Its partitions move to the other,
 * which then processes every alert: one record per alert id, none lost (duplicates are reported).
 */
class GroupFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "crossmatch-service";
    private static final int PARTITIONS = 4;
    private static final int ALERTS = 1500;

    @TempDir
    Path work;

    @Test
    void shouldMoveAKilledInstancesPartitionsToTheOtherAndLoseNoAlert() throws Exception {
        Path samples = Path.of(System.getProperty("samples.dir", "../samples"));
        try (TestBuffer ingest = TestBuffer.start(); TestBuffer science = TestBuffer.start()) {
            ingest.createTopics(TopicSpec.of("alerts", PARTITIONS));
            science.createPipelineTopics("science", Map.of());
            Map<String, String> env = new HashMap<>();
            env.put("INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
            env.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
            env.put("CATALOGUES", "sdss");
            env.put("CATALOGUE_SDSS_FILE", samples.resolve("catalogues/sdss_dr14_star_galaxy_qso_2k.csv").toString());
            env.put("CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
            env.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
            env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
            env.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
            Map<String, String> envA = new HashMap<>(env);
            envA.put("STATE_DIR", work.resolve("state-a").toString());
            Map<String, String> envB = new HashMap<>(env);
            envB.put("STATE_DIR", work.resolve("state-b").toString());
            try (StageProcess a = new StageProcess("crossmatch-a", "crossmatch-service", envA, work);
                 StageProcess b = new StageProcess("crossmatch-b", "crossmatch-service", envB, work);
                 Admin admin = ingest.admin();
                 Admin scienceAdmin = science.admin()) {
                a.start();
                b.start();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> a.ready() && b.ready() && owners(admin).size() == 2);

                ExecutorService replayThread = Executors.newSingleThreadExecutor();
                Future<ReplayResult> replay = replayThread.submit(() -> replay(ingest, samples));
                Map<String, Object> scienceClient = Map.of("bootstrap.servers", science.bootstrapServers());
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> TopicTally.size(scienceAdmin, "crossmatch") >= ALERTS / 5);
                a.kill();

                // the survivor takes over every partition once the dead member's session expires
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> owners(admin).size() == 1
                                && owners(admin).values().iterator().next().size() == PARTITIONS);
                ReplayResult replayed = replay.get(5, TimeUnit.MINUTES);
                replayThread.shutdown();
                assertThat(replayed.acknowledged()).isEqualTo(ALERTS);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> TopicTally.lag(admin, GROUP, "alerts") == 0);

                AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), false, Integer.MAX_VALUE);
                Map<String, Integer> expected = TopicTally.count(Map.of("bootstrap.servers",
                        ingest.bootstrapServers()), "alerts", r -> alertId(decoder, r.value()));
                Accounting crossmatch = Accounting.of("crossmatch-service", TopicTally.count(scienceClient,
                        "crossmatch", r -> field(r.value(), "alertId")), expected);
                System.out.printf("failover: %d alerts, %d crossmatch records, %d duplicates, %d lost%n",
                        replayed.acknowledged(), crossmatch.records(), crossmatch.duplicates(),
                        crossmatch.missing().size());
                assertThat(crossmatch.missing()).as("alerts without a crossmatch record").isEmpty();
                assertThat(b.unexpectedExitCodes()).isEmpty();
                assertThat(b.ready()).isTrue();
            }
        }
    }

    /** Partitions of the alerts topic held by each live member of the group. */
    private static Map<String, Set<TopicPartition>> owners(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        return group.members().stream().filter(m -> !m.assignment().topicPartitions().isEmpty())
                .collect(Collectors.toMap(MemberDescription::consumerId, m -> m.assignment().topicPartitions()
                        .stream().filter(p -> p.topic().equals("alerts")).collect(Collectors.toSet())));
    }

    private static ReplayResult replay(TestBuffer ingest, Path samples) {
        try (Replayer replayer = Replayer.connect(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                ingest.bootstrapServers()), SchemaSources.none())) {
            return replayer.run(ReplayRequest.builder("alerts", List.of(samples.resolve("alerts/ztf"),
                            samples.resolve("alerts/rubin")))
                    .count(ALERTS).schedule(ReplaySchedule.rate(60)).seed(8).build(), p -> { });
        }
    }

    private static String alertId(AlertDecoder decoder, byte[] value) {
        try {
            return String.valueOf(decoder.decode(value).alertId());
        } catch (AlertDecodeException e) {
            return "undecodable";
        }
    }

    private static String field(byte[] json, String name) {
        try {
            return JSON.readTree(json).path(name).asText(null);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
