package uk.ac.lsst.pipeline.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.stage.FilterStage;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.local.replay.SampleAlerts;
import uk.ac.lsst.pipeline.local.run.LocalPipeline;
import uk.ac.lsst.pipeline.local.run.RunningStage;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.PipelineFileWriter;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailStage;

/**
 * The whole pipeline on one machine. Three buffers run in-process as real single-node KRaft Kafka clusters: an
 * upstream buffer standing in for ZTF's and Rubin's servers, the ingest buffer and the science buffer. Four stages
 * run between them: buffer-ingest (upstream to ingest), then crossmatch-service, watchlist-service and
 * thumbnail-service (ingest to science). The sample alerts are replayed upstream; the run ends with a
 * {@link DemoSummary} once every stage has processed every alert, or at the timeout.
 */
public final class LocalDemo {
    /** Upstream topics: one per survey, named the way the surveys name theirs. */
    private static final int UPSTREAM_PARTITIONS = 4;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param pipelineFile the pipeline file: its buffers are started in-process, its topics applied, its stages run
     * @param samples      the samples directory: {@code alerts/ztf}, {@code alerts/rubin}, {@code catalogues},
     *                     {@code watchlists}
     * @param alerts       how many alerts to replay in all, shared between the surveys by their number of files
     * @param surveys      which surveys to replay: {@code ztf}, {@code lsst} or both
     * @param schedule     pacing of each survey's replay
     * @param corrupt      corrupt messages to inject upstream (they must end as dead letters of buffer-ingest)
     * @param partitions   partitions of the ingest buffer's alerts topic, or null for the file's
     * @param threads      stream threads of each stage, or null for the file's
     * @param timeout      how long to wait for the stages to drain after the replay
     * @param out          where thumbnails, the gallery and the summary go
     * @param keepRunning  after the summary, keep buffers and stages up until interrupted
     */
    public record Request(Path pipelineFile, Path samples, long alerts, List<String> surveys, ReplaySchedule schedule,
                          int corrupt, Integer partitions, Integer threads, Duration timeout, Path out,
                          boolean keepRunning) {
    }

    private final PrintStream out;

    public LocalDemo(PrintStream out) {
        this.out = out;
    }

    public DemoSummary run(Request request) throws Exception {
        Map<String, Path> sources = SampleAlerts.sources(request.samples().resolve("alerts"), request.surveys());
        Map<String, Long> counts = SampleAlerts.share(request.alerts(), sources);
        Path work = Files.createTempDirectory("pipeline-demo-");
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.put("SAMPLES_DIR", request.samples().toAbsolutePath().toString());
        vars.put("THUMBNAIL_DIR", request.out().resolve("thumbnails").toAbsolutePath().toString());
        if (request.partitions() != null) {
            vars.put("ALERTS_PARTITIONS", String.valueOf(request.partitions()));
        }
        StageRegistry registry = StageRegistry.load();
        PipelineSpec file = PipelineSpec.load(request.pipelineFile(), vars, registry.kinds());
        StageSpec ingestStage = file.stages().values().stream()
                .filter(s -> registry.find(s.type()).map(t -> t.kind().readsUpstream()).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(file.source()
                        + " has no stage that reads the surveys' topics (buffer-ingest): the demo needs one to take in"
                        + " the replayed alerts"));
        out.println("Starting the buffers of " + file.source() + " (in-process Kafka, KRaft) ...");
        Map<String, EmbeddedBuffer> buffers = new LinkedHashMap<>();
        LocalPipeline pipeline = null;
        try {
            PipelineSpec spec = file;
            for (BufferSpec b : file.buffers().values()) {
                EmbeddedBuffer buffer = EmbeddedBuffer.start(b.name());
                buffers.put(b.name(), buffer);
                spec = spec.withBootstrap(b.name(), buffer.bootstrapServers());
                out.printf("  %-9s buffer at %s%n", b.name(), buffer.bootstrapServers());
            }
            Path runFile = writeRunFile(spec, request.out());
            out.printf("  this run's pipeline file: %s (for pipeline status/tail/rewind -f while it runs)%n", runFile);
            TopicPlan plan = TopicPlan.compute(spec, vars, ADMIN_TIMEOUT);
            plan.apply(vars, ADMIN_TIMEOUT.multipliedBy(2));
            out.printf("  applied %d topic change(s) of %s%n", plan.changes().size(), file.source());
            EmbeddedBuffer upstream = buffers.get(ingestStage.input().buffer());
            upstream.ensureTopics(counts.keySet().stream().map(t -> TopicSpec.of(t, UPSTREAM_PARTITIONS)).toList());
            SampleWatchlists.uploadTo(spec, vars, request.samples().resolve("watchlists"), "demo", out);
            List<FilterDefinition> filters = SampleFilters.registerTo(spec, vars, request.samples().resolve("filters"),
                    out);
            pipeline = LocalPipeline.start(spec, vars, registry, LocalPipeline.Options.of(work)
                    .withThreads(request.threads()).withStageVars(Map.of("KAFKA_COMMIT_INTERVAL_MS", "1000")));
            for (StageSpec s : pipeline.external()) {
                out.printf("  %-18s external stage: not run by the demo (see README, 'Other languages')%n", s.name());
            }
            for (RunningStage s : pipeline.stages()) {
                out.printf("  %-18s http://localhost:%d/health/ready  /metrics%n", s.name(),
                        s.instances().get(0).httpPort());
            }
            List<RunningStage> ordered = new ArrayList<>(pipeline.stages());
            RunningStage ingest = pipeline.stage(ingestStage.name());
            ordered.remove(ingest);
            ordered.add(0, ingest);
            return replayAndWatch(request, sources, counts, upstream, buffers, ordered, filters);
        } finally {
            if (pipeline != null) {
                pipeline.close();
            }
            List<EmbeddedBuffer> reversed = new ArrayList<>(buffers.values());
            java.util.Collections.reverse(reversed);
            reversed.forEach(EmbeddedBuffer::close);
            deleteQuietly(work);
        }
    }

    /**
     * The pipeline file of this run: the file as read, with each buffer at the address of its in-process broker, so
     * that the operating commands work on this run's buffers.
     */
    static Path writeRunFile(PipelineSpec spec, Path dir) throws java.io.IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("pipeline.yaml"), PipelineFileWriter.write(spec,
                spec.source() + " with the addresses of a demo's in-process buffers"));
    }

    private DemoSummary replayAndWatch(Request request, Map<String, Path> sources, Map<String, Long> counts,
                                       EmbeddedBuffer upstream, Map<String, EmbeddedBuffer> buffers,
                                       List<RunningStage> stages, List<FilterDefinition> filters)
            throws Exception {
        Instant started = Instant.now();
        ProgressTable table = new ProgressTable(out, stages);
        List<ReplayResult> results = replay(request, upstream, sources, counts, table);
        int corrupt = injectCorrupt(upstream, request.corrupt(), sources);
        long expected = results.stream().mapToLong(ReplayResult::acknowledged).sum() + corrupt;
        boolean drained = awaitDrained(stages, expected, request.timeout(), table);
        double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        boolean failed = stages.stream().anyMatch(RunningStage::failed);
        SortedMap<String, Long> replayed = new TreeMap<>();
        List<String> topics = new ArrayList<>(counts.keySet());
        for (int i = 0; i < results.size(); i++) {
            replayed.put(topics.get(i), results.get(i).acknowledged());
        }
        RunningStage thumbnails = stages.stream().filter(s -> s.type().equals(ThumbnailStage.KIND.id()))
                .findFirst().orElse(null);
        Path gallery = thumbnails == null ? null : DemoGallery.write(thumbnails.output().clientProperties(),
                thumbnails.outputTopic(), request.out().resolve("thumbnails"));
        Map<String, String> addresses = new LinkedHashMap<>();
        buffers.forEach((name, b) -> addresses.put(name, b.bootstrapServers()));
        SortedMap<String, Long> filterTopics = new TreeMap<>();
        stages.stream().filter(s -> s.type().equals(FilterStage.KIND.id())).findFirst().ifPresent(
                s -> filters.forEach(f -> filterTopics.put(f.topic(), s.outputRecords(f.topic()))));
        DemoSummary summary = DemoSummary.of(drained && !failed, request.alerts(), replayed,
                results.stream().mapToLong(ReplayResult::failed).sum(), corrupt, stages,
                deadLetterReasons(stages), addresses, gallery, filterTopics, elapsed);
        if (request.keepRunning()) {
            out.println(summary.describe());
            out.println("Buffers and stages keep running; press Ctrl-C to stop.");
            Thread.currentThread().join();
        }
        return summary;
    }

    private List<ReplayResult> replay(Request request, EmbeddedBuffer upstream, Map<String, Path> sources,
                                      Map<String, Long> counts, ProgressTable table) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(counts.size());
        List<Future<ReplayResult>> futures = new ArrayList<>();
        Map<String, Long> acknowledged = new java.util.concurrent.ConcurrentHashMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            futures.add(pool.submit(() -> {
                try (Replayer replayer = Replayer.connect(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        upstream.bootstrapServers()), SchemaSources.none())) {
                    return replayer.run(ReplayRequest.builder(e.getKey(), List.of(sources.get(e.getKey())))
                            .count(e.getValue()).schedule(request.schedule()).seed(17).build(),
                            p -> acknowledged.put(e.getKey(), p.acknowledged()));
                }
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
            table.print("replaying " + acknowledged.values().stream().mapToLong(Long::longValue).sum() + "/"
                    + request.alerts());
        }
        List<ReplayResult> results = new ArrayList<>();
        for (Future<ReplayResult> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    /** Writes {@code n} corrupt messages (truncated sample alerts, stray text) into the first upstream topic. */
    private int injectCorrupt(EmbeddedBuffer upstream, int n, Map<String, Path> sources) throws Exception {
        if (n == 0) {
            return 0;
        }
        String topic = sources.keySet().iterator().next();
        byte[] sample = AlertFiles.discover(List.of(sources.get(topic))).get(0).read();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, upstream.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                byte[] bad = i % 2 == 0
                        ? java.util.Arrays.copyOf(sample, sample.length / (i + 2))
                        : ("corrupt message " + i).getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, bad)).get();
            }
        }
        out.printf("  injected %d corrupt message(s) into %s%n", n, topic);
        return n;
    }

    /**
     * Waits until buffer-ingest has taken in every upstream message and each later stage has read every alert
     * buffer-ingest wrote, or a stage failed, or the timeout.
     */
    private boolean awaitDrained(List<RunningStage> stages, long expected, Duration timeout, ProgressTable table)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        RunningStage ingest = stages.get(0);
        while (true) {
            long[] ingested = ingest.written();
            boolean done = ingest.alertsIn() >= expected
                    && ingested[0] + ingested[1] >= expected
                    && stages.subList(1, stages.size()).stream().allMatch(s -> s.alertsIn() >= ingested[0]);
            table.print("waiting for the stages to drain");
            if (done) {
                return true;
            }
            if (Instant.now().isAfter(deadline) || stages.stream().anyMatch(RunningStage::failed)) {
                return false;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** Dead letters per stage and reason, read from each stage's dead-letter topic. */
    private static SortedMap<String, SortedMap<String, Long>> deadLetterReasons(List<RunningStage> stages) {
        SortedMap<String, SortedMap<String, Long>> reasons = new TreeMap<>();
        for (RunningStage s : stages) {
            SortedMap<String, Long> byReason = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(s.output().clientProperties(),
                    List.of(s.deadLetterTopic()), Duration.ofSeconds(30))) {
                byReason.merge(AlertHeaders.get(r.headers(), DeadLetterHeaders.REASON).orElse("unknown"), 1L, Long::sum);
            }
            reasons.put(s.name(), byReason);
        }
        return reasons;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
