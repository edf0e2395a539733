package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;

/**
 * docker-compose.yml for real, with the profile simulator, on a Docker engine of this machine: the buffers, the
 * topics (pipeline-init), every stage and the upstream simulator's replays of the sample alerts, then scaling, a
 * killed instance and a broker restart. After each step every replayed alert is on every output topic of the
 * science buffer (crossmatch, thumbnails, a hit on watchlist-hits), by alert id, and nothing else is: the sets are
 * equal, and the dead-letter topics stay empty; duplicates (at least once) are counted and reported, losses fail.
 * At the end the ingest buffer's alerts topic holds exactly the replayed alerts too. Steps:
 * <ol>
 *   <li>{@code docker-compose up} of the file's services in three parts: the buffers and pipeline-init; after it, a
 *       watch list with a source at every sample alert's position (so every alert makes a hit) and the replays of
 *       the compose file; then the stages, each of which answers 200 on /health/ready;</li>
 *   <li>{@code --scale crossmatch-service=3}: the 16 partitions of alerts spread over the three instances (4 to 6
 *       each, read from each instance's metrics), then more alerts are replayed;</li>
 *   <li>{@code docker kill} of one instance while alerts flow: the two others take its partitions over (after the
 *       consumer session timeout); more alerts;</li>
 *   <li>{@code docker restart} of the ingest buffer's broker while alerts flow; every stage is ready again;</li>
 *   <li>{@code docker-compose down -v}, also when a step failed (the logs are kept in target/compose-check).</li>
 * </ol>
 * The test reaches the containers only at their addresses on the compose networks (health, metrics) and the
 * science buffer at the port compose publishes; the ingest buffer is read by the pipeline image on its network.
 * Needs docker, docker-compose, a Docker engine and the images ({@code deploy/local-images.sh} provides all of
 * them): without them it fails when CI=true and is skipped otherwise. The counts and times go to stdout and
 * target/compose-check/report.txt.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class ComposeStackTest {
    private static final String PROJECT = "lsstcomposecheck";
    private static final String PROFILE = "simulator";
    private static final List<String> STAGES = List.of("buffer-ingest", "crossmatch-service", "watchlist-service",
            "features-service", "filter-service", "thumbnail-service");
    private static final List<String> REPLAYS = List.of("replay-ztf", "replay-lsst");
    private static final String SCALED = "crossmatch-service";
    private static final int ALERTS_PARTITIONS = 16;
    private static final long ALERTS_PER_REPLAY = 100;
    /** Alerts per second of each replay that runs while an instance is killed or a broker restarted. */
    private static final int SLOW_RATE = 20;
    /** A filter every alert passes: its topic must hold every alert, as the stages' outputs do. */
    private static final FilterDefinition EVERY_ALERT = FilterDefinition.of("check", "every-alert",
            "alertId > 0", OutputLevel.IDS);
    private static final List<String> OUTPUTS = List.of("crossmatch", "thumbnails", "watchlist-hits",
            "annotated-alerts", EVERY_ALERT.topic());
    private static final List<String> DEAD_LETTERS = List.of("crossmatch-dead-letters", "watchlist-dead-letters",
            "features-dead-letters", "filters-dead-letters", "thumbnail-dead-letters");
    private static final String LIST_ID = "every-sample";
    /** Beyond the 2" by which the replay moves cycled copies, so that every copy hits its original's source. */
    private static final double LIST_RADIUS_ARCSEC = 3.0;
    private static final String LIST_IN_CONTAINER = "/tmp/every-sample.csv";
    private static final int STOP_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long startNanos = System.nanoTime();
    private final List<String> report = new ArrayList<>();
    /** The keys of every alert replayed so far, and how many were sent (the first pass of a replay repeats). */
    private final Set<String> expected = new HashSet<>();
    private long sent;
    private ComposeStack stack;
    private JsonNode config;
    private Map<String, ReplayedAlerts> samples;
    private OutputTopics outputs;

    @Test
    void shouldDeliverEveryReplayedAlertWhileScalingKillingAnInstanceAndRestartingABroker() throws Exception {
        Path work = Repository.file("deployment/target/compose-check");
        stack = stack(work);
        config = stack.config();
        requireImages();
        samples = samplesOfReplays();
        log("docker-compose %s, Docker Engine %s, Kafka image %s, project %s",
                stack.compose(30, "version", "--short").stdout().trim(),
                stack.docker(30, "version", "--format", "{{.Server.Version}}").stdout().trim(),
                kafkaImage(), PROJECT);
        stack.down();
        try {
            startStack(work);
            try (OutputTopics topics = new OutputTopics("localhost:" + stack.variable("SCIENCE_EXTERNAL_PORT"),
                    concat(OUTPUTS, DEAD_LETTERS))) {
                outputs = topics;
                long t = System.nanoTime();
                awaitOutputs(Duration.ofMinutes(4));
                log("replays of the compose file (seed 0): %d alerts out of every stage %d s after the stages"
                        + " were ready", sent, seconds(t));
                scaleOut();
                killOneInstance();
                restartIngestBroker();
                checkIngestBuffer();
                reportDuplicates();
            }
        } finally {
            stack.saveLogs(work.resolve("compose.log"));
            long t = System.nanoTime();
            stack.compose(300, "stop", "--timeout", String.valueOf(STOP_TIMEOUT_SECONDS));
            List<String> killed = stack.states().lines().filter(l -> l.contains("(137)")).toList();
            log("docker-compose stop: %d s; killed (by docker kill, or after %d s without stopping): %s",
                    seconds(t), STOP_TIMEOUT_SECONDS, killed);
            t = System.nanoTime();
            stack.down();
            log("docker-compose down -v: %d s", seconds(t));
            log("whole check: %d s", seconds(startNanos));
            Files.writeString(work.resolve("report.txt"), String.join("\n", report) + "\n");
        }
    }

    /**
     * {@code up} in the order the checks need: the watch list before watchlist-service starts, and the upstream
     * topics (created by the replays) before buffer-ingest subscribes to their pattern, which it would otherwise
     * find only at its next metadata refresh (metadata.max.age.ms, 5 minutes).
     */
    private void startStack(Path work) throws IOException {
        long t = System.nanoTime();
        stack.up(List.of("upstream-kafka", "pipeline-init"));
        awaitExited("pipeline-init", Duration.ofMinutes(3));
        log("up upstream-kafka pipeline-init: buffers healthy and topics created in %d s", seconds(t));
        int sources = uploadWatchlist(work);
        registerFilter();

        t = System.nanoTime();
        stack.up(REPLAYS);
        for (String replay : REPLAYS) {
            awaitExited(replay, Duration.ofMinutes(3));
        }
        samples.values().forEach(s -> expected.addAll(s.keys(ALERTS_PER_REPLAY, 0)));
        sent += samples.size() * ALERTS_PER_REPLAY;
        log("up %s: %d alerts sent upstream in %d s", String.join(" ", REPLAYS), sent, seconds(t));

        List<String> rest = new ArrayList<>(services(config));
        rest.removeAll(List.of("upstream-kafka", "pipeline-init"));
        rest.removeAll(REPLAYS);
        t = System.nanoTime();
        stack.up(rest);
        awaitReady(Duration.ofMinutes(4));
        log("up %s: every stage ready after %d s", String.join(" ", rest), seconds(t));
        String watchlist = stack.running("watchlist-service").get(0);
        assertThat(StageHttp.sum(StageHttp.metrics(stack.address(watchlist)), "pipeline_watchlist_cones", l -> true))
                .as("watch-list sources matched by watchlist-service once ready").isEqualTo(sources);
    }

    /** Three instances of the scaled stage share the partitions of alerts; more alerts. */
    private void scaleOut() {
        long t = System.nanoTime();
        stack.scale(SCALED, 3);
        Map<String, Integer> spread = awaitSpread(3, Duration.ofMinutes(4));
        log("--scale %s=3: partitions of alerts per instance %s, %d s after the command", SCALED, spread.values(),
                seconds(t));
        replayAndAwait(1, "after the scale-out");
    }

    /** One of the three instances is killed while alerts flow; the two others take its partitions over. */
    private void killOneInstance() {
        CompletableFuture<Void> replays = replayWhileFlowing(2);
        String victim = stack.running(SCALED).get(0);
        long t = System.nanoTime();
        stack.docker(60, "kill", victim);
        log("docker kill %s while alerts flow (replays with seed 2 at %d/s)", victim.substring(0, 12), SLOW_RATE);
        Map<String, Integer> spread = awaitSpread(2, Duration.ofMinutes(4));
        log("the other two instances hold partitions %s, %d s after the kill", spread.values(), seconds(t));
        assertThat(stack.state(victim)).as("the killed instance").isEqualTo("exited 137");
        replays.join();
        replayAndAwait(3, "after the kill");
    }

    /** The ingest buffer's broker restarts while alerts flow; nothing is lost and every stage is ready again. */
    private void restartIngestBroker() {
        CompletableFuture<Void> replays = replayWhileFlowing(4);
        String broker = stack.running("ingest-kafka").get(0);
        long t = System.nanoTime();
        stack.docker(120, "restart", broker);
        log("docker restart of ingest-kafka while alerts flow (replays with seed 4 at %d/s): %d s", SLOW_RATE,
                seconds(t));
        replays.join();
        awaitOutputs(Duration.ofMinutes(5));
        log("after the broker restart: %d alerts in all out of every stage %d s after the restart", sent, seconds(t));
        t = System.nanoTime();
        awaitReady(Duration.ofMinutes(2));
        log("every stage ready %d s later", seconds(t));
    }

    // ---- set-up ---------------------------------------------------------------------------------------------------

    /** The compose project, or a failure under CI (a skip elsewhere) when docker cannot be used. */
    private static ComposeStack stack(Path work) throws IOException {
        Path compose = Tools.require("docker-compose", "Debian package docker-compose; deploy/local-images.sh installs it");
        Path docker = Tools.require("docker", "Debian package docker.io; deploy/local-images.sh installs it");
        Tools.Result host = Tools.run(Repository.root(), Map.of(), 60,
                List.of("bash", Repository.file("deploy/local-images.sh").toString(), "host"));
        if (host.exitCode() != 0) {
            Tools.missing("no Docker engine answers (" + host.stderr().trim()
                    + "); deploy/local-images.sh starts one and builds the images");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DOCKER_HOST", host.stdout().trim());
        env.put("COMPOSE_PROFILES", PROFILE);
        env.put("KAFKA_IMAGE", kafkaImage());
        env.put("IMAGE_REGISTRY", Repository.imageRegistry());
        env.put("PIPELINE_VERSION", Repository.version());
        env.put("ALERTS_PARTITIONS", String.valueOf(ALERTS_PARTITIONS));
        env.put("REPLAY_COUNT", String.valueOf(ALERTS_PER_REPLAY));
        env.put("REPLAY_RATE", "0");
        env.put("SCIENCE_EXTERNAL_HOST", "localhost");
        env.put("SCIENCE_EXTERNAL_PORT", String.valueOf(freePort()));
        // blank: the simulator, not an upstream named in the caller's environment
        env.put("UPSTREAM_BOOTSTRAP", "");
        env.put("UPSTREAM_SASL_USERNAME", "");
        env.put("UPSTREAM_SASL_PASSWORD", "");
        return new ComposeStack(compose, docker, Repository.file("docker-compose.yml"), PROJECT, env, work);
    }

    /** The buffers' image: KAFKA_IMAGE when set, else the one deploy/local-images.sh builds. */
    private static String kafkaImage() {
        String image = System.getenv("KAFKA_IMAGE");
        return image != null && !image.isBlank() ? image
                : Repository.imageRegistry() + "/kafka:" + Repository.kafkaVersion();
    }

    private void requireImages() {
        Set<String> images = new TreeSet<>();
        services(config).forEach(s -> images.add(config.at("/services/" + s + "/image").asText()));
        List<String> missing = images.stream().filter(image -> !stack.hasImage(image)).toList();
        if (!missing.isEmpty()) {
            Tools.missing("images " + missing + " are not in the Docker engine at " + stack.variable("DOCKER_HOST")
                    + " (deploy/local-images.sh builds them)");
        }
    }

    /** The sample alerts of each replay service, from its command in the compose file (by its --alerts). */
    private Map<String, ReplayedAlerts> samplesOfReplays() {
        Map<String, ReplayedAlerts> samples = new LinkedHashMap<>();
        for (String replay : REPLAYS) {
            List<String> command = command(config, replay);
            String dir = command.get(command.indexOf("--alerts") + 1);
            assertThat(dir).as("%s --alerts", replay).startsWith("/app/samples/");
            assertThat(command.get(command.indexOf("--count") + 1)).as("%s --count", replay)
                    .isEqualTo(String.valueOf(ALERTS_PER_REPLAY));
            samples.put(replay, ReplayedAlerts.of(Repository.file(dir.substring("/app/".length()))));
        }
        return samples;
    }

    /** A watch list with a source at every sample alert's position; returns the number of sources. */
    private int uploadWatchlist(Path work) throws IOException {
        List<String> lines = new ArrayList<>(List.of("ra,dec,name,radius_arcsec"));
        for (ReplayedAlerts s : samples.values()) {
            for (Alert a : s.originals()) {
                lines.add(a.raDeg() + "," + a.decDeg() + ",s" + (lines.size() - 1) + "," + LIST_RADIUS_ARCSEC);
            }
        }
        Path file = work.resolve("every-sample.csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        long t = System.nanoTime();
        stack.run("pipeline-init", List.of(file.toAbsolutePath() + ":" + LIST_IN_CONTAINER + ":ro"),
                List.of("watchlist", "upload", "--bootstrap-servers",
                        config.at("/services/pipeline-init/environment/INGEST_BOOTSTRAP").asText(), "--id", LIST_ID,
                        "--name", "every sample position", "--file", LIST_IN_CONTAINER), 180);
        int sources = lines.size() - 1;
        log("watch list %s uploaded: %d sources of %.0f\" (%d s)", LIST_ID, sources, LIST_RADIUS_ARCSEC, seconds(t));
        return sources;
    }

    /** Registers {@link #EVERY_ALERT} on the filters topic, from this machine through the science buffer's port. */
    private void registerFilter() {
        long t = System.nanoTime();
        try (FilterClient client = new FilterClient(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + stack.variable("SCIENCE_EXTERNAL_PORT")), "filters")) {
            client.add(EVERY_ALERT);
        } catch (ExpressionException e) {
            throw new IllegalStateException(EVERY_ALERT.expression() + ": " + e.getMessage(), e);
        }
        log("filter %s registered (%s), matches to %s (%d s)", EVERY_ALERT.key(), EVERY_ALERT.expression(),
                EVERY_ALERT.topic(), seconds(t));
    }

    // ---- steps ----------------------------------------------------------------------------------------------------

    /** Waits until the (one) container of the service has exited, and checks that it exited 0. */
    private void awaitExited(String service, Duration within) {
        String container = stack.containers(service).get(0);
        await().atMost(within).pollInterval(Duration.ofSeconds(1))
                .until(() -> stack.state(container).startsWith("exited"));
        assertThat(stack.state(container)).as("%s: state and exit code", service).isEqualTo("exited 0");
    }

    /** Every stage container answers 200 on /health/ready. */
    private void awaitReady(Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String stage : STAGES) {
                List<String> containers = stack.running(stage);
                assertThat(containers).as("running containers of %s\n%s", stage, stack.states()).isNotEmpty();
                for (String c : containers) {
                    assertThat(StageHttp.readiness(stack.address(c))).as("%s %s /health/ready", stage,
                            c.substring(0, 12)).isEqualTo(200);
                }
            }
        });
    }

    /**
     * Waits until exactly {@code instances} containers of the scaled stage run, all ready, and their stream threads
     * hold all partitions of alerts between them; returns the partitions per container.
     */
    private Map<String, Integer> awaitSpread(int instances, Duration within) {
        Map<String, Integer> spread = new TreeMap<>();
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            spread.clear();
            for (String c : stack.running(SCALED)) {
                String address = stack.address(c);
                assertThat(StageHttp.readiness(address)).as("%s /health/ready", c.substring(0, 12)).isEqualTo(200);
                spread.put(c.substring(0, 12), (int) StageHttp.sum(StageHttp.metrics(address),
                        "kafka_consumer_coordinator_assigned_partitions",
                        l -> l.contains("StreamThread") && l.contains("-consumer\"") && !l.contains("restore-consumer")));
            }
            assertThat(spread).as("running instances of %s", SCALED).hasSize(instances);
            assertThat(spread.values()).as("partitions per instance").doesNotContain(0);
            assertThat(spread.values().stream().mapToInt(Integer::intValue).sum()).as("partitions per instance %s",
                    spread).isEqualTo(ALERTS_PARTITIONS);
            if (instances == 3) {
                assertThat(spread.values()).as("partitions per instance").allSatisfy(n -> assertThat(n)
                        .isBetween(4, 6));
            }
        });
        return spread;
    }

    private void replayAndAwait(long seed, String when) {
        long t = System.nanoTime();
        startReplays(seed, null).join();
        awaitOutputs(Duration.ofMinutes(4));
        log("%s: replays with seed %d, %d alerts in all out of every stage %d s after the replays started", when,
                seed, sent, seconds(t));
    }

    /**
     * Starts the replays with {@code --seed} at {@link #SLOW_RATE} alerts/s and returns once their first alerts came
     * out of crossmatch-service, i.e. while alerts flow through every buffer; the future completes with the replays.
     */
    private CompletableFuture<Void> replayWhileFlowing(long seed) {
        outputs.catchUp(Duration.ofSeconds(30));
        long before = outputs.records("crossmatch");
        CompletableFuture<Void> replays = startReplays(seed, SLOW_RATE);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (replays.isDone()) {
                replays.join();
            }
            outputs.catchUp(Duration.ofSeconds(30));
            return outputs.records("crossmatch") > before;
        });
        return replays;
    }

    /**
     * Every replay service once more, at the same time, with its compose command, {@code --seed} and (unless null)
     * {@code --rate}, in the background.
     */
    private CompletableFuture<Void> startReplays(long seed, Integer rate) {
        List<CompletableFuture<Tools.Result>> runs = new ArrayList<>();
        for (String replay : REPLAYS) {
            List<String> args = new ArrayList<>(command(config, replay));
            if (rate != null) {
                args.set(args.indexOf("--rate") + 1, String.valueOf(rate));
            }
            args.addAll(List.of("--seed", String.valueOf(seed)));
            runs.add(CompletableFuture.supplyAsync(() -> stack.run(replay, List.of(), args, 300)));
        }
        samples.values().forEach(s -> expected.addAll(s.keys(ALERTS_PER_REPLAY, seed)));
        sent += samples.size() * ALERTS_PER_REPLAY;
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
    }

    /**
     * Waits until crossmatch, thumbnails, annotated-alerts and the filter's topic hold a record of every expected
     * alert and watchlist-hits a hit of every one. A dead letter or a record of an alert that was never replayed fails at once.
     */
    private void awaitOutputs(Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            outputs.catchUp(Duration.ofSeconds(30));
            for (String topic : DEAD_LETTERS) {
                if (outputs.records(topic) > 0) {
                    throw new IllegalStateException(topic + " holds " + outputs.records(topic)
                            + " records, expected none: every replayed alert is good (stage logs in target/compose-check)");
                }
            }
            for (String topic : OUTPUTS) {
                Set<String> seen = outputs.counts(topic).keySet();
                Set<String> unexpected = difference(seen, expected);
                if (!unexpected.isEmpty()) {
                    throw new IllegalStateException(topic + " holds records of " + unexpected.size()
                            + " alerts that were never replayed, expected none: e.g. "
                            + unexpected.stream().limit(5).toList());
                }
                Set<String> missing = difference(expected, seen);
                assertThat(missing).as("%s: replayed alerts without a record (%d of %d, e.g. %s)", topic,
                        missing.size(), expected.size(), missing.stream().limit(5).toList()).isEmpty();
            }
        });
    }

    /** The ingest buffer's alerts topic, read by `pipeline tail` in the pipeline image on the ingest network. */
    private void checkIngestBuffer() throws IOException {
        long t = System.nanoTime();
        Tools.Result tail = stack.run("pipeline-init", List.of(), List.of("tail", "-f", "/etc/pipeline/pipeline.yaml",
                "--buffer", "ingest", "--topic", "alerts"), 300);
        Map<String, Integer> counts = new HashMap<>();
        for (String line : tail.stdout().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode alert = JSON.readTree(line).path("value");
            counts.merge(alert.has("alert") ? ReplayedAlerts.key(alert.get("alert").asText(),
                    alert.get("alertId").asLong()) : OutputTopics.UNREADABLE, 1, Integer::sum);
        }
        Set<String> unexpected = difference(counts.keySet(), expected);
        assertThat(unexpected).as("ingest alerts: records of %d alerts never replayed, e.g. %s", unexpected.size(),
                unexpected.stream().limit(5).toList()).isEmpty();
        Set<String> missing = difference(expected, counts.keySet());
        assertThat(missing).as("ingest alerts: %d replayed alerts missing, e.g. %s", missing.size(),
                missing.stream().limit(5).toList()).isEmpty();
        long records = counts.values().stream().mapToLong(Integer::longValue).sum();
        assertThat(records).as("records in the ingest buffer's alerts topic").isGreaterThanOrEqualTo(sent);
        log("ingest buffer, topic alerts: %d records, every replayed alert (read in %d s)", records, seconds(t));
        report.add(String.format(Locale.ROOT, "alerts (ingest): %d records for %d sent, %d duplicates", records, sent,
                records - sent));
    }

    /** Records beyond one per sent alert (crossmatch, thumbnails, annotated): what at-least-once redelivered. */
    private void reportDuplicates() {
        for (String topic : List.of("crossmatch", "thumbnails", "annotated-alerts", EVERY_ALERT.topic())) {
            long records = outputs.records(topic);
            assertThat(records).as("records in %s", topic).isGreaterThanOrEqualTo(sent);
            log("%s: %d records for %d sent alerts (%d distinct), %d duplicates", topic, records, sent,
                    expected.size(), records - sent);
        }
        log("watchlist-hits: %d hits for %d distinct alerts", outputs.records("watchlist-hits"), expected.size());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The services that run with the profile simulator: those without a profile, and those of that profile. */
    private static List<String> services(JsonNode config) {
        List<String> services = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : config.get("services").properties()) {
            JsonNode profiles = service.getValue().path("profiles");
            boolean inProfile = false;
            for (JsonNode p : profiles) {
                inProfile |= p.asText().equals(PROFILE);
            }
            if (profiles.isEmpty() || inProfile) {
                services.add(service.getKey());
            }
        }
        return services;
    }

    private static List<String> command(JsonNode config, String service) {
        List<String> command = new ArrayList<>();
        config.at("/services/" + service + "/command").forEach(n -> command.add(n.asText()));
        assertThat(command).as("command of %s in docker-compose.yml", service).isNotEmpty();
        return command;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(k -> !b.contains(k)).collect(Collectors.toSet());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long seconds(long sinceNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sinceNanos);
    }

    private void log(String format, Object... args) {
        long s = seconds(startNanos);
        String line = String.format(Locale.ROOT, "[compose-check %d:%02d] ", s / 60, s % 60)
                + String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.add(line);
    }
}
