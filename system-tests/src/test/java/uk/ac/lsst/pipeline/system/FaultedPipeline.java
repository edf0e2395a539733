package uk.ac.lsst.pipeline.system;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.testing.ProjectFiles;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/**
 * The whole pipeline with real brokers and every stage in a JVM of its own: an upstream buffer and the ingest
 * buffer as separate broker processes (so that they can be killed and restarted), the science buffer in this JVM,
 * and every stage of the project's pipeline file that the stage registry can run, configured as the file says. A supervisor restarts
 * any stage process that exits by itself, as an orchestrator would. The stage processes are guarded: methods that
 * touch them are synchronized.
 */
final class FaultedPipeline implements AutoCloseable {
    /** An upstream topic that buffer-ingest's pattern in the project's pipeline file matches. */
    static final String UPSTREAM_TOPIC = "lsst-alerts-faults";
    static final String ALERTS_TOPIC = "alerts";
    static final int ALERTS_PARTITIONS = 8;

    final BufferProcess upstream;
    final BufferProcess ingest;
    final TestBuffer science;
    final List<StageProcess> stages;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stage-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger supervisedRestarts = new AtomicInteger();
    private final boolean[] held;

    private FaultedPipeline(BufferProcess upstream, BufferProcess ingest, TestBuffer science,
                            List<StageProcess> stages) {
        this.upstream = upstream;
        this.ingest = ingest;
        this.science = science;
        this.stages = stages;
        this.held = new boolean[stages.size()];
    }

    /**
     * Starts the buffers (with the upstream topic), then the stages, and returns once every stage is ready.
     *
     * @param beforeStages run once the buffers are up and before any stage starts (watch lists to upload, ...)
     */
    static FaultedPipeline start(Path work, Path schemaDir, Path samples, Consumer<FaultedPipeline> beforeStages) {
        BufferProcess upstream = new BufferProcess("upstream", work);
        BufferProcess ingest = new BufferProcess("ingest", work);
        upstream.start();
        ingest.start();
        TestBuffer science = TestBuffer.start();
        upstream.createTopics(TopicSpec.of(UPSTREAM_TOPIC, 4));
        Map<String, String> vars = Map.of("SAMPLES_DIR", samples.toAbsolutePath().toString(),
                "THUMBNAIL_DIR", work.resolve("thumbnails").toString(),
                "ALERTS_PARTITIONS", String.valueOf(ALERTS_PARTITIONS));
        StageRegistry registry = StageRegistry.load();
        PipelineSpec spec = PipelineSpec.load(ProjectFiles.pipelineFile(), vars, registry.kinds())
                .withBootstrap("upstream", upstream.bootstrapServers())
                .withBootstrap("ingest", ingest.bootstrapServers())
                .withBootstrap("science", science.bootstrapServers());
        ingest.createTopics(spec.buffer("ingest").topics().values().toArray(TopicSpec[]::new));
        science.createTopics(spec.buffer("science").topics().values().toArray(TopicSpec[]::new));
        Map<String, String> common = new HashMap<>();
        common.put("SCHEMA_DIR", schemaDir.toString());
        common.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
        common.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        common.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
        common.put("LOG_LEVEL", "INFO");
        List<StageProcess> stages = new ArrayList<>();
        for (StageSpec s : spec.stages().values()) {
            if (registry.find(s.type()).isPresent()) {
                Map<String, String> env = new HashMap<>(StageEnvironment.of(spec, s.name(),
                        StageEnvironment.Secrets.RESOLVE, vars));
                env.putAll(common);
                env.put("STATE_DIR", work.resolve("state-" + s.name()).toString());
                stages.add(new StageProcess(s.name(), s.type(), env, work));
            }
        }
        FaultedPipeline pipeline = new FaultedPipeline(upstream, ingest, science, stages);
        beforeStages.accept(pipeline);
        stages.forEach(StageProcess::start);
        pipeline.awaitAllReady(Duration.ofMinutes(3));
        pipeline.supervisor.scheduleWithFixedDelay(pipeline::supervise, 1, 1, TimeUnit.SECONDS);
        return pipeline;
    }

    List<String> stageNames() {
        return stages.stream().map(StageProcess::name).toList();
    }

    /** kill -9 a stage; it stays down (the supervisor leaves it alone) until {@link #restartStage}. */
    synchronized void killStage(int index) {
        held[index] = true;
        stages.get(index).kill();
    }

    synchronized void restartStage(int index) {
        stages.get(index).start();
        held[index] = false;
    }

    /** Restarts of stage processes that exited by themselves (not killed by the test). */
    int supervisedRestarts() {
        return supervisedRestarts.get();
    }

    void awaitAllReady(Duration within) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(this::allReady);
    }

    private synchronized boolean allReady() {
        supervise();
        return stages.stream().allMatch(StageProcess::ready);
    }

    private synchronized void supervise() {
        for (int i = 0; i < stages.size(); i++) {
            if (!held[i] && stages.get(i).superviseOnce()) {
                supervisedRestarts.incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        supervisor.shutdownNow();
        synchronized (this) {
            stages.forEach(StageProcess::close);
        }
        ingest.close();
        upstream.close();
        science.close();
    }
}
