package uk.ac.lsst.pipeline.demo;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.buffer.TopicReader;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
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

/**
 * The whole pipeline on one machine: an upstream buffer and the ingest buffer run in-process (real single-node
 * KRaft brokers), buffer-ingest mirrors the upstream topics into the ingest buffer, and the sample alerts are
 * replayed upstream. Ends with a {@link DemoSummary}.
 */
public final class LocalDemo {
    /** Upstream topics: one per survey, named the way the surveys name theirs. */
    static final String ZTF_TOPIC = "ztf_20181203_programid1";
    static final String RUBIN_TOPIC = "lsst-alerts-v9";
    static final String UPSTREAM_PATTERN = "ztf_\\d{8}_programid\\d|lsst-alerts.*";
    private static final int UPSTREAM_PARTITIONS = 4;

    /**
     * @param samples     a directory with {@code ztf/} and/or {@code rubin/} subdirectories of alert files
     * @param alerts      how many alerts to replay in all, shared between the surveys by their number of files
     * @param schedule    pacing of each survey's replay
     * @param corrupt     corrupt messages to inject upstream (they must end as dead letters)
     * @param partitions  partitions of the ingest buffer's alerts topic
     * @param threads     stream threads of each stage
     * @param timeout     how long to wait for the pipeline to drain after the replay
     * @param keepRunning after the summary, keep buffers and stages up until interrupted
     */
    public record Request(Path samples, long alerts, ReplaySchedule schedule, int corrupt, int partitions,
                          int threads, Duration timeout, boolean keepRunning) {
    }

    private final PrintStream out;

    public LocalDemo(PrintStream out) {
        this.out = out;
    }

    public DemoSummary run(Request request) throws Exception {
        Map<String, Path> sources = sources(request.samples());
        Map<String, Long> counts = share(request.alerts(), sources);
        Path work = Files.createTempDirectory("pipeline-demo-");
        out.println("Starting buffers (in-process Kafka, KRaft) ...");
        try (EmbeddedBuffer upstream = EmbeddedBuffer.start("upstream");
             EmbeddedBuffer ingest = EmbeddedBuffer.start("ingest")) {
            out.printf("  upstream buffer at %s%n  ingest buffer   at %s%n", upstream.bootstrapServers(),
                    ingest.bootstrapServers());
            upstream.ensureTopics(counts.keySet().stream().map(t -> TopicSpec.of(t, UPSTREAM_PARTITIONS)).toList());

            IngestSettings settings = IngestSettings.fromEnv(ingestEnv(request, upstream, ingest, work));
            StageMetrics metrics = StageMetrics.prometheus(IngestSettings.APPLICATION_ID);
            try (StageRunner stage = IngestService.start(settings, metrics)) {
                out.printf("  buffer-ingest running: http://localhost:%d/health/ready  /metrics%n", stage.httpPort());
                Instant started = Instant.now();
                List<ReplayResult> results = replay(request, upstream, sources, counts, ingest, settings);
                int corrupt = injectCorrupt(upstream, request.corrupt(), sources);
                long expected = results.stream().mapToLong(ReplayResult::acknowledged).sum() + corrupt;
                boolean complete = awaitDrained(ingest, settings, expected, request.timeout());
                double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
                DemoSummary summary = summarise(request, results, counts, corrupt, ingest, upstream, settings, metrics,
                        complete, elapsed);
                if (request.keepRunning()) {
                    out.println(summary.describe());
                    out.println("Buffers and stages keep running; press Ctrl-C to stop.");
                    Thread.currentThread().join();
                }
                return summary;
            }
        } finally {
            deleteQuietly(work);
        }
    }

    /** Survey upstream topic -> sample directory, for the subdirectories that exist. */
    private static Map<String, Path> sources(Path samples) {
        Map<String, Path> sources = new TreeMap<>();
        if (Files.isDirectory(samples.resolve("ztf"))) {
            sources.put(ZTF_TOPIC, samples.resolve("ztf"));
        }
        if (Files.isDirectory(samples.resolve("rubin"))) {
            sources.put(RUBIN_TOPIC, samples.resolve("rubin"));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sample alerts in " + samples.toAbsolutePath()
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

    private static Map<String, String> ingestEnv(Request request, EmbeddedBuffer upstream, EmbeddedBuffer ingest,
                                                 Path work) {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", upstream.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers());
        env.put("UPSTREAM_TOPIC_PATTERN", UPSTREAM_PATTERN);
        env.put("ALERTS_PARTITIONS", String.valueOf(request.partitions()));
        env.put("STREAM_THREADS", String.valueOf(request.threads()));
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", work.resolve("state").toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
        return env;
    }

    private List<ReplayResult> replay(Request request, EmbeddedBuffer upstream, Map<String, Path> sources,
                                      Map<String, Long> counts, EmbeddedBuffer ingest, IngestSettings settings)
            throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        Map<String, AtomicLong> perTopic = new TreeMap<>();
        counts.keySet().forEach(t -> perTopic.put(t, new AtomicLong()));
        ExecutorService pool = Executors.newFixedThreadPool(counts.size());
        List<Future<ReplayResult>> futures = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            futures.add(pool.submit(() -> {
                try (Replayer replayer = Replayer.connect(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        upstream.bootstrapServers()), SchemaSources.none())) {
                    return replayer.run(ReplayRequest.builder(e.getKey(), List.of(sources.get(e.getKey())))
                            .count(e.getValue()).schedule(request.schedule()).seed(17).build(),
                            p -> perTopic.get(e.getKey()).set(p.acknowledged()));
                }
            }));
        }
        pool.shutdown();
        try (Admin admin = ingest.admin()) {
            TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(30));
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                acknowledged.set(perTopic.values().stream().mapToLong(AtomicLong::get).sum());
                out.printf("  replayed %d/%d, ingested %d%n", acknowledged.get(), request.alerts(),
                        total(topics.endOffsets(List.of(settings.alertsTopic().name()))));
            }
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

    private boolean awaitDrained(EmbeddedBuffer ingest, IngestSettings settings, long expected, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<String> outputs = List.of(settings.alertsTopic().name(), settings.deadLetterTopic().name());
        try (Admin admin = ingest.admin()) {
            TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(30));
            while (true) {
                long arrived = total(topics.endOffsets(outputs));
                out.printf("  waiting for the pipeline: %d/%d records in the ingest buffer%n", arrived, expected);
                if (arrived >= expected) {
                    return true;
                }
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
    }

    private static DemoSummary summarise(Request request, List<ReplayResult> results, Map<String, Long> counts,
                                         int corrupt, EmbeddedBuffer ingest, EmbeddedBuffer upstream,
                                         IngestSettings settings, StageMetrics metrics, boolean complete,
                                         double elapsed) {
        SortedMap<String, Long> replayed = new TreeMap<>();
        List<String> topicsInOrder = new ArrayList<>(counts.keySet());
        for (int i = 0; i < results.size(); i++) {
            replayed.put(topicsInOrder.get(i), results.get(i).acknowledged());
        }
        long failed = results.stream().mapToLong(ReplayResult::failed).sum();
        SortedMap<String, SortedMap<Integer, Long>> topics = new TreeMap<>();
        try (Admin admin = ingest.admin()) {
            Map<TopicPartition, Long> ends = new TopicAdmin(admin, Duration.ofSeconds(30)).endOffsets(List.of(
                    settings.alertsTopic().name(), settings.deadLetterTopic().name()));
            ends.forEach((tp, n) -> topics.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), n));
        }
        SortedMap<String, Long> deadLetters = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                ingest.bootstrapServers()), List.of(settings.deadLetterTopic().name()), Duration.ofSeconds(30))) {
            deadLetters.merge(AlertHeaders.get(r.headers(), DeadLetterHeaders.REASON).orElse("unknown"), 1L, Long::sum);
        }
        long ingested = topics.getOrDefault(settings.alertsTopic().name(), new TreeMap<>()).values().stream()
                .mapToLong(Long::longValue).sum();
        SortedMap<String, Map<String, Double>> stages = new TreeMap<>();
        stages.put(metrics.stage(), Map.of("in", metrics.alertsIn(), "out", metrics.alertsOut(),
                "deadLetters", (double) deadLetters.values().stream().mapToLong(Long::longValue).sum()));
        SortedMap<String, String> buffers = new TreeMap<>(Map.of("upstream", upstream.bootstrapServers(),
                "ingest", ingest.bootstrapServers()));
        return new DemoSummary(complete, request.alerts(), replayed, failed, corrupt, ingested, deadLetters, topics,
                stages, buffers, elapsed, elapsed > 0 ? ingested / elapsed : 0);
    }

    private static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
