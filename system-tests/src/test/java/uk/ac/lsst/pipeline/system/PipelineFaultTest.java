package uk.ac.lsst.pipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.watchlist.WatchlistSettings;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * The delivery promise of the whole pipeline, Jepsen style: real brokers, every stage a separate OS process, and
 * during a replay of real alerts (cycled with fresh, seeded ids) a seeded schedule of faults: stages killed with
 * SIGKILL and restarted, the ingest buffer's broker killed with SIGKILL and restarted, the upstream buffer stopped
 * for a while and brought back. Once every consumer group has caught up, the accounting is exact, by alert id:
 * every alert acknowledged upstream is in the ingest buffer, and every alert id in the ingest buffer has its
 * crossmatch record, its thumbnail record, its watch-list hits (the watch list holds every sample position, so
 * every alert makes at least one hit), its annotated record and its record on the topic of a filter every alert
 * passes. Losses fail; duplicates are counted and reported. No good alert may become a dead letter.
 *
 * <p>{@code mvn verify} runs the short plan; {@code -Dfaults=long} (profile {@code long-faults}) a long one. The
 * counts go to {@code target/fault-report-*.json} and stdout.
 */
class PipelineFaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST_ID = "every-sample";
    private static final FilterDefinition EVERY_ALERT = FilterDefinition.of("system-tests", "every-alert",
            "alertId > 0", OutputLevel.IDS);

    @TempDir
    Path work;

    @Test
    void shouldDeliverEveryIngestedAlertThroughEveryStageDespiteKillsBrokerRestartsAndAnUpstreamOutage()
            throws Exception {
        Path samples = Path.of(System.getProperty("samples.dir", "../samples"));
        List<Path> alertDirs = List.of(samples.resolve("alerts/ztf"), samples.resolve("alerts/rubin"),
                SharedData.path("rubin/alerts/wire-format"));
        Path schemaDir = SharedData.rubinSchemaDir();
        List<WatchlistSource> everySample = samplePositions(alertDirs, schemaDir);
        FaultPlan plan = FaultPlan.fromSystemProperties(4);
        Instant started = Instant.now();
        Map<String, Integer> kills = new LinkedHashMap<>();
        int brokerKills = 0;
        int upstreamOutages = 0;
        List<String> faultLog = new ArrayList<>();

        try (FaultedPipeline pipeline = FaultedPipeline.start(work, schemaDir, samples,
                p -> {
                    uploadWatchlist(p, everySample);
                    registerFilter(p);
                })) {
            pipeline.stageNames().forEach(n -> kills.put(n, 0));
            Instant replayStarted = Instant.now();
            ExecutorService replayThread = Executors.newSingleThreadExecutor();
            Future<ReplayResult> replay = replayThread.submit(() -> replay(pipeline, plan, alertDirs, schemaDir));
            for (FaultPlan.Fault fault : plan.faults()) {
                Thread.sleep(fault.before().toMillis());
                String what = fault.describe(pipeline.stageNames());
                faultLog.add(Duration.between(replayStarted, Instant.now()).toMillis() / 1000.0 + " s into the replay: " + what
                        + (replay.isDone() ? " (after the replay)" : ""));
                System.out.println("fault: " + faultLog.get(faultLog.size() - 1));
                switch (fault.kind()) {
                    case KILL_STAGE -> {
                        pipeline.killStage(fault.stage());
                        Thread.sleep(fault.downtime().toMillis());
                        pipeline.restartStage(fault.stage());
                        kills.merge(pipeline.stageNames().get(fault.stage()), 1, Integer::sum);
                    }
                    case KILL_INGEST_BUFFER -> {
                        pipeline.ingest.kill();
                        pipeline.ingest.start();
                        brokerKills++;
                    }
                    case STOP_UPSTREAM -> {
                        pipeline.upstream.stop();
                        Thread.sleep(fault.downtime().toMillis());
                        pipeline.upstream.start();
                        upstreamOutages++;
                    }
                }
            }
            ReplayResult replayed = replay.get(2 * plan.alerts() / (long) plan.alertsPerSecond() + 600,
                    TimeUnit.SECONDS);
            replayThread.shutdown();
            awaitCaughtUp(pipeline, Duration.ofMinutes(20));

            // the ingest buffer against upstream, by upstream position; each record's alert id on the way
            Map<String, Integer> upstreamRecords = TopicTally.count(pipeline.upstream.clientProperties(),
                    FaultedPipeline.UPSTREAM_TOPIC, r -> r.partition() + "@" + r.offset());
            Map<String, Integer> ingested = TopicTally.count(pipeline.ingest.clientProperties(),
                    FaultedPipeline.ALERTS_TOPIC, r -> header(r, AlertHeaders.UPSTREAM_PARTITION) + "@"
                            + header(r, AlertHeaders.UPSTREAM_OFFSET) + "/" + header(r, AlertHeaders.ALERT_ID));
            Accounting ingest = Accounting.of("ingest buffer", ingested, ones(upstreamRecords.keySet()));
            // how often each alert id entered the ingest buffer (a sample file may repeat another's id)
            Map<String, Integer> expected = new HashMap<>();
            ingested.keySet().forEach(k -> expected.merge(k.substring(k.indexOf('/') + 1), 1, Integer::sum));
            Set<String> ids = expected.keySet();
            Map<String, Object> science = Map.of("bootstrap.servers", pipeline.science.bootstrapServers());
            Accounting crossmatch = Accounting.of("crossmatch-service",
                    TopicTally.count(science, "crossmatch", r -> field(r, "alertId")), expected);
            Accounting thumbnails = Accounting.of("thumbnail-service",
                    TopicTally.count(science, "thumbnails", r -> field(r, "alertId")), expected);
            Accounting watchlist = Accounting.of("watchlist-service", TopicTally.count(science, "watchlist-hits",
                    r -> field(r, "alertId") + "/" + field(r, "listId") + "/" + field(r, "sourceName")), expected);
            Accounting features = Accounting.of("features-service",
                    TopicTally.count(science, "annotated-alerts", r -> field(r, "alertId")), expected);
            Accounting filter = Accounting.of("filter-service",
                    TopicTally.count(science, EVERY_ALERT.topic(), r -> field(r, "alertId")), expected);
            Map<String, Long> deadLetters = new LinkedHashMap<>();
            deadLetters.put("ingest-dead-letters", total(TopicTally.count(pipeline.ingest.clientProperties(),
                    "ingest-dead-letters", r -> "")));
            for (String topic : List.of("crossmatch-dead-letters", "watchlist-dead-letters",
                    "thumbnail-dead-letters", "features-dead-letters", "filters-dead-letters")) {
                deadLetters.put(topic, total(TopicTally.count(science, topic, r -> "")));
            }

            ObjectNode report = JSON.createObjectNode();
            report.put("seed", plan.seed());
            report.put("alertsRequested", plan.alerts());
            report.put("alertsPerSecond", plan.alertsPerSecond());
            report.put("acknowledgedUpstream", replayed.acknowledged());
            report.put("failedUpstream", replayed.failed());
            report.put("upstreamRecords", upstreamRecords.size());
            report.put("alertIdsIngested", ids.size());
            report.put("faults", plan.faults().size());
            report.set("stageKills", JSON.valueToTree(kills));
            report.put("stageKillsTotal", kills.values().stream().mapToInt(Integer::intValue).sum());
            report.put("ingestBrokerKills", brokerKills);
            report.put("upstreamOutages", upstreamOutages);
            report.put("restarts", kills.values().stream().mapToInt(Integer::intValue).sum() + brokerKills
                    + upstreamOutages + pipeline.supervisedRestarts());
            report.put("stageExitsRestartedBySupervisor", pipeline.supervisedRestarts());
            Map<String, List<String>> exits = new LinkedHashMap<>();
            pipeline.stages.forEach(s -> exits.put(s.name(), s.unexpectedExits()));
            report.set("stageExits", JSON.valueToTree(exits));
            ObjectNode outputs = report.putObject("outputs");
            List<Accounting> accounts = List.of(ingest, crossmatch, thumbnails, watchlist, features, filter);
            for (Accounting a : accounts) {
                outputs.set(a.output(), a.toJson(JSON));
            }
            report.put("duplicates", accounts.stream().mapToLong(Accounting::duplicates).sum());
            report.put("losses", accounts.stream().mapToLong(a -> a.missing().size()).sum());
            report.set("deadLetters", JSON.valueToTree(deadLetters));
            report.set("faultLog", JSON.valueToTree(faultLog));
            report.put("durationSeconds", Duration.between(started, Instant.now()).toSeconds());
            writeReport(report);

            assertThat(replayed.failed()).as("sends upstream that failed").isZero();
            assertThat(replayed.acknowledged()).isEqualTo(plan.alerts());
            assertThat(upstreamRecords).as("records upstream").hasSize((int) replayed.acknowledged());
            assertThat(ingest.missing()).as("upstream records not in the ingest buffer").isEmpty();
            assertThat(crossmatch.missing()).as("alerts without a crossmatch record").isEmpty();
            assertThat(thumbnails.missing()).as("alerts without a thumbnail record").isEmpty();
            assertThat(watchlist.missing()).as("alerts without a watch-list hit").isEmpty();
            assertThat(features.missing()).as("alerts without an annotated record").isEmpty();
            assertThat(filter.missing()).as("alerts without a record on the topic of a filter they pass").isEmpty();
            assertThat(deadLetters.values()).as("good alerts that became dead letters").allMatch(n -> n == 0);
        }
    }

    private static ReplayResult replay(FaultedPipeline pipeline, FaultPlan plan, List<Path> alertDirs,
                                       Path schemaDir) {
        Map<String, Object> client = new HashMap<>();
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.upstream.bootstrapServers());
        // the upstream may be down for a while: keep retrying rather than failing sends
        client.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        client.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 900_000);
        try (Replayer replayer = Replayer.connect(client, new SchemaDirectory(schemaDir))) {
            return replayer.run(ReplayRequest.builder(FaultedPipeline.UPSTREAM_TOPIC, alertDirs)
                    .count(plan.alerts())
                    .schedule(ReplaySchedule.rate(plan.alertsPerSecond()))
                    .seed(plan.seed())
                    .readyTimeout(Duration.ofMinutes(3))
                    .build(), progress -> { });
        }
    }

    /**
     * Every group has committed up to the end of its input: buffer-ingest upstream, the others on the topic they
     * stream (alerts or alerts-compact on the ingest buffer, annotated-alerts on the science buffer), in data-flow
     * order, so that a later stage is checked after the stages that feed it.
     */
    private static void awaitCaughtUp(FaultedPipeline pipeline, Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            try (Admin upstream = Admin.create(pipeline.upstream.clientProperties())) {
                if (TopicTally.lag(upstream, "buffer-ingest", FaultedPipeline.UPSTREAM_TOPIC) > 0) {
                    return false;
                }
            }
            for (StageProcess s : pipeline.stages) {
                if (s.streamedTopic() == null) {
                    continue;
                }
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.inputBootstrap()))) {
                    if (TopicTally.lag(admin, s.group(), s.streamedTopic()) > 0) {
                        return false;
                    }
                }
            }
            return true;
        });
    }

    private static void registerFilter(FaultedPipeline pipeline) {
        try (FilterClient client = new FilterClient(Map.of("bootstrap.servers", pipeline.science.bootstrapServers()),
                "filters")) {
            client.add(EVERY_ALERT);
        } catch (ExpressionException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** One watch-list source at every sample alert's position (2"): every replayed alert makes a hit. */
    private static List<WatchlistSource> samplePositions(List<Path> alertDirs, Path schemaDir) throws Exception {
        AlertDecoder decoder = new AlertDecoder(new SchemaDirectory(schemaDir), false, Integer.MAX_VALUE);
        List<WatchlistSource> sources = new ArrayList<>();
        for (AlertFile file : AlertFiles.discover(alertDirs)) {
            Alert alert = decoder.decode(file.read());
            assertThat(Double.isFinite(alert.raDeg()) && Double.isFinite(alert.decDeg()))
                    .as("sample %s has a position", file.path()).isTrue();
            sources.add(new WatchlistSource("s" + sources.size(), alert.raDeg(), alert.decDeg(), 2.0));
        }
        return sources;
    }

    private static void uploadWatchlist(FaultedPipeline pipeline, List<WatchlistSource> sources) {
        try (WatchlistClient client = new WatchlistClient(pipeline.ingest.clientProperties(),
                WatchlistSettings.DEFAULT_WATCHLISTS_TOPIC)) {
            client.upload(new WatchlistDefinition(LIST_ID, "every sample position", "system-tests", 2.0, sources));
        }
    }

    private static String field(ConsumerRecord<byte[], byte[]> record, String name) {
        try {
            return JSON.readTree(record.value()).path(name).asText(null);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return AlertHeaders.get(record.headers(), name).orElse(null);
    }

    private static Map<String, Integer> ones(Set<String> keys) {
        Map<String, Integer> m = new HashMap<>();
        keys.forEach(k -> m.put(k, 1));
        return m;
    }

    private static long total(Map<String, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static void writeReport(ObjectNode report) throws IOException {
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        System.out.println("fault run report:\n" + json);
        Path file = Path.of(System.getProperty("faults.report", "target/fault-report.json"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json);
    }
}
