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
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchService;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchSettings;
import uk.ac.lsst.pipeline.ingest.IngestService;
import uk.ac.lsst.pipeline.ingest.IngestSettings;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.local.replay.SampleAlerts;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailService;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailSettings;
import uk.ac.lsst.pipeline.watchlist.WatchlistService;
import uk.ac.lsst.pipeline.watchlist.WatchlistSettings;

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
        PipelineSpec file = PipelineSpec.load(request.pipelineFile(), vars);
        StageSpec ingestStage = file.stages().values().stream().filter(s -> s.type() == StageType.BUFFER_INGEST)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(file.source()
                        + " has no buffer-ingest stage: the demo needs one to take in the replayed alerts"));
        out.println("Starting the buffers of " + file.source() + " (in-process Kafka, KRaft) ...");
        Map<String, EmbeddedBuffer> buffers = new LinkedHashMap<>();
        List<DemoStage> stages = new ArrayList<>();
        try {
            PipelineSpec spec = file;
            for (BufferSpec b : file.buffers().values()) {
                EmbeddedBuffer buffer = EmbeddedBuffer.start(b.name());
                buffers.put(b.name(), buffer);
                spec = spec.withBootstrap(b.name(), buffer.bootstrapServers());
                out.printf("  %-9s buffer at %s%n", b.name(), buffer.bootstrapServers());
            }
            Path runFile = writeRunFile(request.pipelineFile(), spec, request.out());
            out.printf("  this run's pipeline file: %s (for pipeline status/tail/rewind -f while it runs)%n", runFile);
            TopicPlan plan = TopicPlan.compute(spec, vars, ADMIN_TIMEOUT);
            plan.apply(vars, ADMIN_TIMEOUT.multipliedBy(2));
            out.printf("  applied %d topic change(s) of %s%n", plan.changes().size(), file.source());
            EmbeddedBuffer upstream = buffers.get(ingestStage.input().buffer());
            upstream.ensureTopics(counts.keySet().stream().map(t -> TopicSpec.of(t, UPSTREAM_PARTITIONS)).toList());
            Map<String, StageMetrics> metrics = new LinkedHashMap<>();
            startStages(request, spec, buffers, vars, work, List.copyOf(counts.keySet()), stages, metrics);
            return replayAndWatch(request, sources, counts, upstream, buffers, stages, metrics);
        } finally {
            stages.forEach(s -> s.runner().close());
            List<EmbeddedBuffer> reversed = new ArrayList<>(buffers.values());
            java.util.Collections.reverse(reversed);
            reversed.forEach(EmbeddedBuffer::close);
            deleteQuietly(work);
        }
    }

    /**
     * A copy of the pipeline file with each buffer's bootstrap replaced by the address of its in-process broker, so
     * that the operating commands work on this run's buffers.
     */
    static Path writeRunFile(Path file, PipelineSpec spec, Path dir) throws java.io.IOException {
        List<String> addresses = spec.buffers().values().stream().map(BufferSpec::bootstrap).toList();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(\\s+bootstrap:\\s*)(\\S.*)$")
                .matcher(Files.readString(file));
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (m.find()) {
            String address = i < addresses.size() ? addresses.get(i) : m.group(2);
            m.appendReplacement(text, java.util.regex.Matcher.quoteReplacement(m.group(1) + address));
            i++;
        }
        m.appendTail(text);
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("pipeline.yaml"), "# " + file + " with the addresses of a demo's "
                + "in-process buffers\n" + text);
    }

    /** Starts every stage of the file that runs in Java, buffer-ingest first, each with the variables the file gives. */
    private void startStages(Request request, PipelineSpec spec, Map<String, EmbeddedBuffer> buffers,
                             Map<String, String> vars, Path work, List<String> upstreamTopics, List<DemoStage> stages,
                             Map<String, StageMetrics> metrics) throws Exception {
        for (StageSpec stage : spec.stages().values()) {
            Map<String, String> env = new HashMap<>(StageEnvironment.of(spec, stage.name(),
                    StageEnvironment.Secrets.RESOLVE, vars));
            env.put("HTTP_PORT", "0");
            env.put("STATE_DIR", work.resolve(stage.name()).toString());
            env.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
            if (request.threads() != null) {
                env.put("STREAM_THREADS", String.valueOf(request.threads()));
            }
            EmbeddedBuffer input = buffers.get(stage.input().buffer());
            EmbeddedBuffer output = buffers.get(stage.output().buffer());
            String name = stage.name();
            switch (stage.type()) {
                case BUFFER_INGEST -> {
                    IngestSettings s = IngestSettings.fromEnv(env);
                    stages.add(0, new DemoStage(name, stage.type(), stage.group(), IngestService.start(s, register(metrics, name)), input,
                            upstreamTopics, output, s.alertsTopic().name(), s.deadLetterTopic().name()));
                }
                case CROSSMATCH_SERVICE -> {
                    CrossmatchSettings s = CrossmatchSettings.fromEnv(env);
                    stages.add(new DemoStage(name, stage.type(), stage.group(), CrossmatchService.start(s, register(metrics, name)), input,
                            List.of(s.alertsTopic()), output, s.outputTopic().name(), s.deadLetterTopic().name()));
                }
                case WATCHLIST_SERVICE -> {
                    WatchlistSettings s = WatchlistSettings.fromEnv(env);
                    WatchlistService.ensureTopics(s);
                    DemoWatchlists.upload(s, request.samples().resolve("watchlists"), out);
                    stages.add(new DemoStage(name, stage.type(), stage.group(), WatchlistService.start(s, register(metrics, name)), input,
                            List.of(s.alertsTopic()), output, s.hitsTopic().name(), s.deadLetterTopic().name()));
                }
                case THUMBNAIL_SERVICE -> {
                    ThumbnailSettings s = ThumbnailSettings.fromEnv(env);
                    stages.add(new DemoStage(name, stage.type(), stage.group(), ThumbnailService.start(s, register(metrics, name)), input,
                            List.of(s.alertsTopic()), output, s.thumbnailsTopic().name(), s.deadLetterTopic().name()));
                }
                case EXTERNAL -> out.printf("  %-18s external stage: not run by the demo (see README, 'Other "
                        + "languages')%n", name);
                default -> throw new IllegalStateException(stage.type().toString());
            }
        }
        for (DemoStage s : stages) {
            out.printf("  %-18s http://localhost:%d/health/ready  /metrics%n", s.name(), s.runner().httpPort());
        }
    }

    private DemoSummary replayAndWatch(Request request, Map<String, Path> sources, Map<String, Long> counts,
                                       EmbeddedBuffer upstream, Map<String, EmbeddedBuffer> buffers,
                                       List<DemoStage> stages, Map<String, StageMetrics> metrics) throws Exception {
        Instant started = Instant.now();
        ProgressTable table = new ProgressTable(out, stages, metrics);
        List<ReplayResult> results = replay(request, upstream, sources, counts, table);
        int corrupt = injectCorrupt(upstream, request.corrupt(), sources);
        long expected = results.stream().mapToLong(ReplayResult::acknowledged).sum() + corrupt;
        boolean drained = awaitDrained(stages, metrics, expected, request.timeout(), table);
        double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        boolean failed = stages.stream().anyMatch(s -> s.runner().failed());
        SortedMap<String, Long> replayed = new TreeMap<>();
        List<String> topics = new ArrayList<>(counts.keySet());
        for (int i = 0; i < results.size(); i++) {
            replayed.put(topics.get(i), results.get(i).acknowledged());
        }
        DemoStage thumbnails = stages.stream().filter(s -> s.type() == StageType.THUMBNAIL_SERVICE).findFirst()
                .orElse(null);
        Path gallery = thumbnails == null ? null
                : DemoGallery.write(thumbnails.output(), thumbnails.outputTopic(), request.out().resolve("thumbnails"));
        Map<String, String> addresses = new LinkedHashMap<>();
        buffers.forEach((name, b) -> addresses.put(name, b.bootstrapServers()));
        DemoSummary summary = DemoSummary.of(drained && !failed, request.alerts(), replayed,
                results.stream().mapToLong(ReplayResult::failed).sum(), corrupt, stages, metrics,
                deadLetterReasons(stages), addresses, gallery, elapsed);
        if (request.keepRunning()) {
            out.println(summary.describe());
            out.println("Buffers and stages keep running; press Ctrl-C to stop.");
            Thread.currentThread().join();
        }
        return summary;
    }

    private static StageMetrics register(Map<String, StageMetrics> metrics, String stage) {
        StageMetrics m = StageMetrics.prometheus(stage);
        metrics.put(stage, m);
        return m;
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
    private boolean awaitDrained(List<DemoStage> stages, Map<String, StageMetrics> metrics, long expected,
                                 Duration timeout, ProgressTable table) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        DemoStage ingest = stages.get(0);
        while (true) {
            long[] ingested = ingest.written();
            boolean done = metrics.get(ingest.name()).alertsIn() >= expected
                    && ingested[0] + ingested[1] >= expected
                    && stages.subList(1, stages.size()).stream()
                            .allMatch(s -> metrics.get(s.name()).alertsIn() >= ingested[0]);
            table.print("waiting for the stages to drain");
            if (done) {
                return true;
            }
            if (Instant.now().isAfter(deadline) || stages.stream().anyMatch(s -> s.runner().failed())) {
                return false;
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** Dead letters per stage and reason, read from each stage's dead-letter topic. */
    private static SortedMap<String, SortedMap<String, Long>> deadLetterReasons(List<DemoStage> stages) {
        SortedMap<String, SortedMap<String, Long>> reasons = new TreeMap<>();
        for (DemoStage s : stages) {
            SortedMap<String, Long> byReason = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    s.output().bootstrapServers()), List.of(s.deadLetters()), Duration.ofSeconds(30))) {
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
