package uk.ac.lsst.pipeline.system;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchMain;
import uk.ac.lsst.pipeline.ingest.IngestMain;
import uk.ac.lsst.pipeline.testing.TestBuffer;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailMain;
import uk.ac.lsst.pipeline.watchlist.WatchlistMain;

/**
 * The whole pipeline with real brokers and every stage in a JVM of its own: an upstream buffer and the ingest
 * buffer as separate broker processes (so that they can be killed and restarted), the science buffer in this JVM,
 * buffer-ingest from upstream to ingest and the three alert stages from ingest to science. A supervisor restarts
 * any stage process that exits by itself, as an orchestrator would. The stage processes are guarded: methods that
 * touch them are synchronized.
 */
final class FaultedPipeline implements AutoCloseable {
    static final String UPSTREAM_TOPIC = "alerts-upstream";
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
    static FaultedPipeline start(Path work, Path schemaDir, Path catalogue, Consumer<FaultedPipeline> beforeStages) {
        BufferProcess upstream = new BufferProcess("upstream", work);
        BufferProcess ingest = new BufferProcess("ingest", work);
        upstream.start();
        ingest.start();
        TestBuffer science = TestBuffer.start();
        upstream.createTopics(TopicSpec.of(UPSTREAM_TOPIC, 4));
        Map<String, String> common = new HashMap<>();
        common.put("SCHEMA_DIR", schemaDir.toString());
        common.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
        common.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        common.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "1000");
        common.put("LOG_LEVEL", "INFO");

        Map<String, String> ingestEnv = new HashMap<>(common);
        ingestEnv.put("INPUT_BOOTSTRAP_SERVERS", upstream.bootstrapServers());
        ingestEnv.put("OUTPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        ingestEnv.put("UPSTREAM_TOPICS", UPSTREAM_TOPIC);
        ingestEnv.put("ALERTS_PARTITIONS", String.valueOf(ALERTS_PARTITIONS));
        ingestEnv.put("STATE_DIR", work.resolve("state-ingest").toString());

        Map<String, String> fromIngest = new HashMap<>(common);
        fromIngest.put("INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        fromIngest.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());

        Map<String, String> crossmatch = new HashMap<>(fromIngest);
        crossmatch.put("STATE_DIR", work.resolve("state-crossmatch").toString());
        crossmatch.put("CROSSMATCH_PARTITIONS", "4");
        crossmatch.put("CATALOGUES", "sdss");
        crossmatch.put("CATALOGUE_SDSS_FILE", catalogue.toString());
        crossmatch.put("CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
        crossmatch.put("CATALOGUE_SDSS_TYPE_COLUMN", "class");

        Map<String, String> watchlist = new HashMap<>(fromIngest);
        watchlist.put("STATE_DIR", work.resolve("state-watchlist").toString());
        watchlist.put("HITS_PARTITIONS", "4");
        watchlist.put("INDEX_DEBOUNCE", "PT0.1S");

        Map<String, String> thumbnails = new HashMap<>(fromIngest);
        thumbnails.put("STATE_DIR", work.resolve("state-thumbnails").toString());
        thumbnails.put("THUMBNAILS_PARTITIONS", "4");
        thumbnails.put("THUMBNAIL_DIR", work.resolve("thumbnails").toString());
        thumbnails.put("THUMBNAIL_SIZE_PX", "63");

        List<StageProcess> stages = List.of(
                new StageProcess("buffer-ingest", IngestMain.class, ingestEnv, work),
                new StageProcess("crossmatch-service", CrossmatchMain.class, crossmatch, work),
                new StageProcess("watchlist-service", WatchlistMain.class, watchlist, work),
                new StageProcess("thumbnail-service", ThumbnailMain.class, thumbnails, work));
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
