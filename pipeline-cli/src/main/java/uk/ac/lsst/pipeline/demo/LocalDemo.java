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
import uk.ac.lsst.pipeline.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchService;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchSettings;
import uk.ac.lsst.pipeline.ingest.IngestService;
import uk.ac.lsst.pipeline.ingest.IngestSettings;
import uk.ac.lsst.pipeline.replay.AlertFiles;
import uk.ac.lsst.pipeline.replay.ReplayRequest;
import uk.ac.lsst.pipeline.replay.ReplayResult;
import uk.ac.lsst.pipeline.replay.ReplaySchedule;
import uk.ac.lsst.pipeline.replay.Replayer;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;
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
    static final String ZTF_TOPIC = "ztf_20181203_programid1";
    static final String RUBIN_TOPIC = "lsst-alerts-v9";
    static final String UPSTREAM_PATTERN = "ztf_\\d{8}_programid\\d|lsst-alerts.*";
    private static final int UPSTREAM_PARTITIONS = 4;

    /**
     * @param samples     the samples directory: {@code alerts/ztf}, {@code alerts/rubin}, {@code catalogues},
     *                    {@code watchlists}
     * @param alerts      how many alerts to replay in all, shared between the surveys by their number of files
     * @param surveys     which surveys to replay: {@code ztf}, {@code lsst} or both
     * @param schedule    pacing of each survey's replay
     * @param corrupt     corrupt messages to inject upstream (they must end as dead letters of buffer-ingest)
     * @param partitions  partitions of the ingest buffer's alerts topic
     * @param threads     stream threads of each stage
     * @param timeout     how long to wait for the stages to drain after the replay
     * @param out         where thumbnails, the gallery and the summary go
     * @param keepRunning after the summary, keep buffers and stages up until interrupted
     */
    public record Request(Path samples, long alerts, List<String> surveys, ReplaySchedule schedule, int corrupt,
                          int partitions, int threads, Duration timeout, Path out, boolean keepRunning) {
    }

    private final PrintStream out;

    public LocalDemo(PrintStream out) {
        this.out = out;
    }

    public DemoSummary run(Request request) throws Exception {
        Map<String, Path> sources = sources(request.samples().resolve("alerts"), request.surveys());
        Map<String, Long> counts = share(request.alerts(), sources);
        Path work = Files.createTempDirectory("pipeline-demo-");
        out.println("Starting buffers (in-process Kafka, KRaft) ...");
        try (EmbeddedBuffer upstream = EmbeddedBuffer.start("upstream");
             EmbeddedBuffer ingest = EmbeddedBuffer.start("ingest");
             EmbeddedBuffer science = EmbeddedBuffer.start("science")) {
            out.printf("  upstream buffer at %s%n  ingest buffer   at %s%n  science buffer  at %s%n",
                    upstream.bootstrapServers(), ingest.bootstrapServers(), science.bootstrapServers());
            upstream.ensureTopics(counts.keySet().stream().map(t -> TopicSpec.of(t, UPSTREAM_PARTITIONS)).toList());
            List<DemoStage> stages = new ArrayList<>();
            Map<String, StageMetrics> metrics = new LinkedHashMap<>();
            try {
                startStages(request, upstream, ingest, science, work, List.copyOf(counts.keySet()), stages, metrics);
                return replayAndWatch(request, sources, counts, upstream, ingest, science, stages, metrics);
            } finally {
                stages.forEach(s -> s.runner().close());
            }
        } finally {
            deleteQuietly(work);
        }
    }

    private void startStages(Request request, EmbeddedBuffer upstream, EmbeddedBuffer ingest, EmbeddedBuffer science,
                             Path work, List<String> upstreamTopics, List<DemoStage> stages,
                             Map<String, StageMetrics> metrics) throws Exception {
        Map<String, String> ingestEnv = env(request, upstream, ingest, work, IngestSettings.APPLICATION_ID);
        ingestEnv.put("UPSTREAM_TOPIC_PATTERN", UPSTREAM_PATTERN);
        ingestEnv.put("ALERTS_PARTITIONS", String.valueOf(request.partitions()));
        IngestSettings ingestSettings = IngestSettings.fromEnv(ingestEnv);
        StageRunner ingestRunner = IngestService.start(ingestSettings, register(metrics, IngestSettings.APPLICATION_ID));
        stages.add(new DemoStage(IngestSettings.APPLICATION_ID, ingestRunner, upstream, upstreamTopics, ingest,
                ingestSettings.alertsTopic().name(), ingestSettings.deadLetterTopic().name()));

        Map<String, String> crossmatchEnv = env(request, ingest, science, work, "crossmatch-service");
        crossmatchEnv.putAll(catalogues(request.samples().resolve("catalogues")));
        CrossmatchSettings crossmatch = CrossmatchSettings.fromEnv(crossmatchEnv);
        stages.add(new DemoStage("crossmatch-service", CrossmatchService.start(crossmatch,
                register(metrics, "crossmatch-service")), ingest, List.of(crossmatch.alertsTopic()), science,
                crossmatch.outputTopic().name(), crossmatch.deadLetterTopic().name()));

        WatchlistSettings watchlist = WatchlistSettings.fromEnv(env(request, ingest, science, work, "watchlist-service"));
        WatchlistService.ensureTopics(watchlist);
        DemoWatchlists.upload(watchlist, request.samples().resolve("watchlists"), out);
        stages.add(new DemoStage("watchlist-service", WatchlistService.start(watchlist,
                register(metrics, "watchlist-service")), ingest, List.of(watchlist.alertsTopic()), science,
                watchlist.hitsTopic().name(), watchlist.deadLetterTopic().name()));

        Map<String, String> thumbnailEnv = env(request, ingest, science, work, "thumbnail-service");
        thumbnailEnv.put("THUMBNAIL_DIR", request.out().resolve("thumbnails").toAbsolutePath().toString());
        ThumbnailSettings thumbnails = ThumbnailSettings.fromEnv(thumbnailEnv);
        stages.add(new DemoStage("thumbnail-service", ThumbnailService.start(thumbnails,
                register(metrics, "thumbnail-service")), ingest, List.of(thumbnails.alertsTopic()), science,
                thumbnails.thumbnailsTopic().name(), thumbnails.deadLetterTopic().name()));
        for (DemoStage s : stages) {
            out.printf("  %-18s http://localhost:%d/health/ready  /metrics%n", s.name(), s.runner().httpPort());
        }
    }

    private DemoSummary replayAndWatch(Request request, Map<String, Path> sources, Map<String, Long> counts,
                                       EmbeddedBuffer upstream, EmbeddedBuffer ingest, EmbeddedBuffer science,
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
        Path gallery = DemoGallery.write(science, request.out().resolve("thumbnails"));
        DemoSummary summary = DemoSummary.of(drained && !failed, request.alerts(), replayed,
                results.stream().mapToLong(ReplayResult::failed).sum(), corrupt, stages, metrics,
                deadLetterReasons(stages), Map.of("upstream", upstream.bootstrapServers(),
                        "ingest", ingest.bootstrapServers(), "science", science.bootstrapServers()),
                gallery, elapsed);
        if (request.keepRunning()) {
            out.println(summary.describe());
            out.println("Buffers and stages keep running; press Ctrl-C to stop.");
            Thread.currentThread().join();
        }
        return summary;
    }

    /** Survey upstream topic -> sample directory, for the chosen surveys whose directories exist. */
    static Map<String, Path> sources(Path alerts, List<String> surveys) {
        Map<String, Path> sources = new TreeMap<>();
        if (surveys.contains("ztf") && Files.isDirectory(alerts.resolve("ztf"))) {
            sources.put(ZTF_TOPIC, alerts.resolve("ztf"));
        }
        if (surveys.contains("lsst") && Files.isDirectory(alerts.resolve("rubin"))) {
            sources.put(RUBIN_TOPIC, alerts.resolve("rubin"));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sample alerts for " + surveys + " in " + alerts.toAbsolutePath()
                    + ": expected subdirectories ztf/ and/or rubin/ holding .avro files");
        }
        return sources;
    }

    /** Shares {@code total} between the topics in proportion to their number of sample files. */
    static Map<String, Long> share(long total, Map<String, Path> sources) {
        Map<String, Long> files = new TreeMap<>();
        sources.forEach((t, dir) -> files.put(t, (long) AlertFiles.discover(List.of(dir)).size()));
        long all = files.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> counts = new TreeMap<>();
        long given = 0;
        List<String> topics = new ArrayList<>(files.keySet());
        for (int i = 0; i < topics.size(); i++) {
            long n = i == topics.size() - 1 ? total - given : Math.round((double) total * files.get(topics.get(i)) / all);
            counts.put(topics.get(i), n);
            given += n;
        }
        return counts;
    }

    /** The settings every demo stage shares: its buffers, an ephemeral HTTP port, its own state directory. */
    private static Map<String, String> env(Request request, EmbeddedBuffer input, EmbeddedBuffer output, Path work,
                                           String stage) {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", input.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", output.bootstrapServers());
        env.put("STREAM_THREADS", String.valueOf(request.threads()));
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", work.resolve(stage).toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
        return env;
    }

    /** The bundled catalogues: the SDSS extract and the synthetic one placed next to sample alerts. */
    private static Map<String, String> catalogues(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("CATALOGUES", "sdss,demo");
        env.put("CATALOGUE_SDSS_FILE", dir.resolve("sdss_dr14_star_galaxy_qso_2k.csv").toString());
        env.put("CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
        env.put("CATALOGUE_SDSS_TYPE_COLUMN", "class");
        env.put("CATALOGUE_SDSS_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_FILE", dir.resolve("demo_context_synthetic.ecsv").toString());
        env.put("CATALOGUE_DEMO_ID_COLUMN", "id");
        env.put("CATALOGUE_DEMO_TYPE_COLUMN", "class");
        env.put("CATALOGUE_DEMO_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_RADIUS_ARCSEC", "5");
        return env;
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
