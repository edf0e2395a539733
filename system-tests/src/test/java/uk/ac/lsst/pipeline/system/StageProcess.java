package uk.ac.lsst.pipeline.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.testing.JvmProcess;

/**
 * One instance of a stage run by the generic entry point in a JVM of its own, as an orchestrator runs a pod: it can
 * be killed with SIGKILL and started again with the same environment, and {@link #superviseOnce()} restarts it when
 * it exited by itself (counting those exits). Readiness is the stage's own {@code /health/ready}. Not thread-safe.
 */
final class StageProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String type;
    private final Map<String, String> env;
    private final Path log;
    private final int httpPort = EmbeddedBuffer.freePort();
    private final List<Integer> unexpectedExitCodes = new ArrayList<>();
    private final List<String> unexpectedExits = new ArrayList<>();
    private JvmProcess process;
    private int starts;

    /**
     * @param type the stage's type, as the registry knows it ({@code crossmatch-service}, ...)
     * @param env  the stage's variables; {@code HTTP_PORT} is set here
     */
    StageProcess(String name, String type, Map<String, String> env, Path workDir) {
        this.name = name;
        this.type = type;
        this.env = new HashMap<>(env);
        this.env.put("HTTP_PORT", String.valueOf(httpPort));
        this.log = workDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /**
     * The topic this stage streams (its alerts, or for filter-service the annotated records), whose lag says
     * whether it has caught up; the watch-list and filter topics it reads into global stores have no group offsets.
     * Null for buffer-ingest, which streams the surveys' topics.
     */
    String streamedTopic() {
        if (env.containsKey("UPSTREAM_TOPIC_PATTERN") || env.containsKey("UPSTREAM_TOPICS")) {
            return null;
        }
        return env.containsKey("ANNOTATED_TOPIC") && !env.containsKey("ALERTS_TOPIC") ? env.get("ANNOTATED_TOPIC")
                : env.get("ALERTS_TOPIC");
    }

    /** Its consumer group (the Kafka Streams application id). */
    String group() {
        return env.getOrDefault("APPLICATION_ID", name);
    }

    /** The bootstrap servers of the buffer it reads. */
    String inputBootstrap() {
        return env.get("INPUT_BOOTSTRAP_SERVERS");
    }

    void start() {
        starts++;
        process = JvmProcess.start(name, StageMain.class, env, log, List.of("-Xmx384m", "-XX:+UseSerialGC"),
                List.of(type));
    }

    /** kill -9. */
    void kill() {
        process.kill();
    }

    /** Starts the process again if it exited by itself; true if it did. */
    boolean superviseOnce() {
        if (process.isAlive()) {
            return false;
        }
        unexpectedExitCodes.add(process.exitCode());
        unexpectedExits.add("exit code " + process.exitCode() + ": " + lastError());
        start();
        return true;
    }

    /** True when the process runs and its Streams client is RUNNING. */
    boolean ready() {
        if (!process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** How often the process was started (first start included). */
    int starts() {
        return starts;
    }

    /** Exit codes of the times the process ended without being killed by the test. */
    List<Integer> unexpectedExitCodes() {
        return List.copyOf(unexpectedExitCodes);
    }

    /** For each exit without a kill by the test: its code and the last error its log shows. */
    List<String> unexpectedExits() {
        return List.copyOf(unexpectedExits);
    }

    private String lastError() {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" ERROR ") || l.contains("cannot start"))
                    .reduce((first, second) -> second)
                    .map(l -> l.length() > 400 ? l.substring(0, 400) : l)
                    .orElse("(no error in the log)");
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name + " (log " + log + ")";
    }
}
