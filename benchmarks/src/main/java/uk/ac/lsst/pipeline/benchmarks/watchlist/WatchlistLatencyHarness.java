package uk.ac.lsst.pipeline.benchmarks.watchlist;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.watchlist.WatchlistSettings;
import uk.ac.lsst.pipeline.watchlist.WatchlistStage;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * Load harness of watchlist-service's latency: two buffers in this JVM (ingest and science, real single-node KRaft
 * brokers), {@code --cones} watch-list sources over {@code --lists} lists uploaded to the ingest buffer, the service
 * started, then real sample alerts (re-encoded with fresh ids and moved: {@code --hit-percent} of them into a cone,
 * the rest anywhere) written to the ingest buffer's alerts topic at {@code --rate} per second, as buffer-ingest
 * would. A consumer on the science buffer reads the hits. Latencies of the hits whose alert was appended after the
 * warm-up, in ms:
 * <ul>
 *   <li>{@code service}: hit produced by the stage ({@code producedAtMs}) - alert appended to the ingest buffer
 *   ({@code appendedAtMs}, the alert's log-append time);</li>
 *   <li>{@code output}: hit appended to the science buffer (its log-append time) - alert appended: the target;</li>
 *   <li>{@code consumer}: hit received by a consumer of the science buffer - alert appended.</li>
 * </ul>
 * Prints them (p50, p95, p99, max) and writes them to {@code --out} as JSON.
 *
 * <pre>java -Xmx3g -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.watchlist.WatchlistLatencyHarness \
 *     --cones 1000000 --lists 1000 --rate 500 --seconds 60 --warmup 15 --hit-percent 10 --alerts samples/alerts</pre>
 */
public final class WatchlistLatencyHarness {
    private static final int POOL = 1000;

    private final Map<String, String> options;
    private final int cones;
    private final int lists;
    private final double rate;
    private final int seconds;
    private final int warmup;
    private final int hitPercent;
    private final int partitions;
    private final int threads;
    private final long seed;
    private double achievedRate;

    private WatchlistLatencyHarness(Map<String, String> options) {
        this.options = options;
        cones = Integer.parseInt(options.getOrDefault("cones", "1000000"));
        lists = Integer.parseInt(options.getOrDefault("lists", "1000"));
        rate = Double.parseDouble(options.getOrDefault("rate", "500"));
        seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        hitPercent = Integer.parseInt(options.getOrDefault("hit-percent", "10"));
        partitions = Integer.parseInt(options.getOrDefault("partitions", "16"));
        threads = Integer.parseInt(options.getOrDefault("threads",
                String.valueOf(WatchlistSettings.DEFAULTS.threads())));
        seed = Long.parseLong(options.getOrDefault("seed", "1"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new WatchlistLatencyHarness(options).run();
        System.exit(0);
    }

    /** An alert ready to send: its bytes, object id (the key) and whether it was placed inside a cone. */
    private record Prepared(byte[] bytes, String objectId, boolean inside) {
    }

    private void run() throws Exception {
        Path out = Path.of(options.getOrDefault("out", "watchlist-latency.json"));
        Path alertsDir = Path.of(options.getOrDefault("alerts", "samples/alerts"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("parameters", Map.of("cones", cones, "lists", lists, "ratePerSecond", rate, "seconds", seconds,
                "warmupSeconds", warmup, "hitPercent", hitPercent, "alertPartitions", partitions,
                "streamThreads", threads, "availableProcessors", Runtime.getRuntime().availableProcessors(),
                "maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576));
        try (EmbeddedBuffer ingest = EmbeddedBuffer.start("ingest");
             EmbeddedBuffer science = EmbeddedBuffer.start("science")) {
            ingest.ensureTopics(List.of(new TopicSpec("alerts", partitions, (short) -1,
                    Map.of("message.timestamp.type", "LogAppendTime")),
                    new TopicSpec("watchlists", 1, (short) -1, Map.of("cleanup.policy", "compact"))));
            science.ensureTopics(List.of(new TopicSpec("watchlist-hits", partitions, (short) -1,
                    Map.of("message.timestamp.type", "LogAppendTime")), TopicSpec.of("watchlist-dead-letters", 1)));
            Path stateDir = Files.createTempDirectory("watchlist-harness-");
            Map<String, String> env = Map.of(
                    "INPUT_BOOTSTRAP_SERVERS", ingest.bootstrapServers(),
                    "OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers(),
                    "STREAM_THREADS", String.valueOf(threads),
                    "HTTP_PORT", "0",
                    "STATE_DIR", stateDir.toString());
            WatchlistSettings settings = new WatchlistStage().settings(env);

            log("generating %,d sources over %,d lists", cones, lists);
            List<WatchlistDefinition> definitions = SyntheticWatchlists.generate(seed, cones, lists);
            long t0 = System.nanoTime();
            try (WatchlistClient client = WatchlistStage.client(settings)) {
                client.uploadAll(definitions);
            }
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            log("uploaded in %.1f s", uploadSeconds);
            List<Prepared> pool = prepare(alertsDir, definitions);
            definitions = null;

            t0 = System.nanoTime();
            StageRunner runner = StageMain.start(new WatchlistStage(), env);
            StageMetrics metrics = runner.metrics();
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            Timer rebuild = metrics.registry().find("pipeline.watchlist.index.rebuild").timer();
            log("service started in %.1f s (topic read and index built; index build %.2f s), %s lists, %s cones",
                    startSeconds, rebuild.max(TimeUnit.SECONDS), gauge(metrics, "pipeline.watchlist.lists"),
                    gauge(metrics, "pipeline.watchlist.cones"));
            result.put("setup", Map.of("uploadSeconds", uploadSeconds, "serviceStartSeconds", startSeconds,
                    "indexBuildSeconds", rebuild.max(TimeUnit.SECONDS),
                    "listsLoaded", gauge(metrics, "pipeline.watchlist.lists"),
                    "conesLoaded", gauge(metrics, "pipeline.watchlist.cones")));

            HitReader reader = new HitReader(science.bootstrapServers(), settings.hits().name());
            Thread readerThread = new Thread(reader, "hit-reader");
            readerThread.start();
            await(runner);

            double loadBefore = loadAverage();
            long[] sent = send(ingest.bootstrapServers(), settings.alerts().alerts().name(), pool, reader);
            double loadAfter = loadAverage();
            long expectedAfterWarmup = sent[1];
            long deadline = System.currentTimeMillis() + 30_000;
            while (reader.measuredAlerts() < expectedAfterWarmup && System.currentTimeMillis() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            reader.stop.set(true);
            readerThread.join();

            result.put("machine", Map.of("loadAverage1mBeforeSending", loadBefore, "loadAverage1mAfterSending", loadAfter,
                    "note", "load average over all processes of the machine; above the core count, CPUs were shared"));
            result.put("alerts", Map.of("sent", sent[0], "achievedRatePerSecond", achievedRate,
                    "sentAfterWarmupPlacedInCone", expectedAfterWarmup,
                    "alertsWithHitsAfterWarmup", reader.measuredAlerts(), "hitsAfterWarmup", reader.service.size(),
                    "deadLetters", metrics.registry().find("pipeline.dead.letters").counters().stream()
                            .mapToDouble(c -> c.count()).sum()));
            Map<String, Object> latency = new LinkedHashMap<>();
            latency.put("service", stats(reader.service));
            latency.put("output", stats(reader.output));
            latency.put("consumer", stats(reader.consumer));
            result.put("latencyMs", latency);
            result.put("serviceTimer", timer(metrics));
            runner.close();
        }
        String json = JsonSerde.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        System.out.println(json);
        Files.writeString(out, json + "\n");
        log("written to %s", out.toAbsolutePath());
    }

    /** Re-encodes the sample alerts with fresh ids and new positions: a pool cycled by the sender. */
    private List<Prepared> prepare(Path alertsDir, List<WatchlistDefinition> definitions) throws Exception {
        List<AlertFile> files = AlertFiles.discover(List.of(alertsDir));
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), false, 64 * 1024 * 1024);
        AlertRewriter rewriter = new AlertRewriter(SchemaSources.none());
        SplittableRandom random = new SplittableRandom(seed + 7);
        List<Prepared> pool = new ArrayList<>(POOL);
        long bytes = 0;
        for (int i = 0; i < POOL; i++) {
            byte[] original = files.get(i % files.size()).read();
            Alert alert = decoder.decode(original);
            boolean inside = random.nextInt(100) < hitPercent;
            double[] p = inside ? SyntheticWatchlists.inside(random, definitions) : SyntheticWatchlists.anywhere(random);
            byte[] moved = rewriter.rewrite(original, 9_000_000_000L + i, p[0] - alert.raDeg(), p[1] - alert.decDeg());
            pool.add(new Prepared(moved, alert.objectId(), inside));
            bytes += moved.length;
        }
        log("prepared %d alerts (%.1f KB on average) from %d sample files", POOL, bytes / 1024.0 / POOL, files.size());
        return pool;
    }

    /** Sends warm-up then measured alerts at the rate; returns {sent, placed in a cone after the warm-up}. */
    private long[] send(String bootstrap, String topic, List<Prepared> pool, HitReader reader) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024); // the schedule never waits for memory
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        long total = Math.round(rate * (warmup + seconds));
        long warm = Math.round(rate * warmup);
        long insideAfterWarmup = 0;
        AtomicLong failed = new AtomicLong();
        log("sending %,d alerts at %.0f/s (%d s warm-up, %d s measured)", total, rate, warmup, seconds);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            long intervalNanos = (long) (1e9 / rate);
            for (long i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (i == warm) {
                    reader.measureFrom(System.currentTimeMillis());
                }
                Prepared p = pool.get((int) (i % pool.size()));
                if (i >= warm && p.inside()) {
                    insideAfterWarmup++;
                }
                producer.send(new ProducerRecord<>(topic, p.objectId(), p.bytes()), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
                if (i > 0 && i % Math.round(rate * 10) == 0) {
                    log("sent %,d alerts, %,d hits measured so far", i, reader.service.size());
                }
            }
            producer.flush();
            double elapsed = (System.nanoTime() - start) / 1e9;
            log("sent %,d alerts in %.1f s: %.0f/s", total, elapsed, total / elapsed);
            achievedRate = total / elapsed;
        }
        if (failed.get() > 0) {
            log("WARNING: %d sends failed", failed.get());
        }
        return new long[] {total, insideAfterWarmup};
    }

    /** Reads the hits topic and records the three latencies of the hits of alerts appended after the warm-up. */
    private static final class HitReader implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<Long> service = new ArrayList<>();
        final List<Long> output = new ArrayList<>();
        final List<Long> consumer = new ArrayList<>();
        private final KafkaConsumer<byte[], byte[]> kafka;
        private final java.util.Set<Long> alertsWithHits = new java.util.HashSet<>();
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        private volatile long measureFromMs = Long.MAX_VALUE;

        HitReader(String bootstrap, String topic) {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = kafka.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position);
        }

        void measureFrom(long epochMs) {
            measureFromMs = epochMs;
        }

        synchronized long measuredAlerts() {
            return alertsWithHits.size();
        }

        @Override
        public void run() {
            try (kafka) {
                while (!stop.get()) {
                    var records = kafka.poll(Duration.ofMillis(50));
                    long arrived = System.currentTimeMillis();
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        JsonNode hit = JsonSerde.mapper().readTree(r.value());
                        long appended = hit.get("appendedAtMs").asLong();
                        if (appended < measureFromMs) {
                            continue;
                        }
                        synchronized (this) {
                            // an alert of the pool is sent many times: tell the sends apart by append time
                            String key = hit.get("alertId").asLong() + "@" + appended + "/" + hit.get("listId").asText()
                                    + "/" + hit.get("sourceName").asText();
                            if (!seen.add(key)) {
                                continue; // a duplicate (at-least-once); counted once
                            }
                            alertsWithHits.add(hit.get("alertId").asLong() * 1_000_003L + appended);
                            service.add(hit.get("producedAtMs").asLong() - appended);
                            output.add(r.timestamp() - appended);
                            consumer.add(arrived - appended);
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<String, Object> stats(List<Long> values) {
        long[] v;
        synchronized (values) {
            v = values.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(v);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", v.length);
        if (v.length > 0) {
            s.put("p50", percentile(v, 0.50));
            s.put("p95", percentile(v, 0.95));
            s.put("p99", percentile(v, 0.99));
            s.put("p999", percentile(v, 0.999));
            s.put("max", v[v.length - 1]);
            s.put("mean", Arrays.stream(v).average().orElse(0));
        }
        return s;
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static Map<String, Object> timer(StageMetrics metrics) {
        Timer t = metrics.registry().find("pipeline.watchlist.match.latency").timer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", t.count());
        for (ValueAtPercentile p : t.takeSnapshot().percentileValues()) {
            m.put("p" + p.percentile(), p.value(TimeUnit.MILLISECONDS));
        }
        m.put("max", t.max(TimeUnit.MILLISECONDS));
        return m;
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double gauge(StageMetrics metrics, String name) {
        return metrics.registry().find(name).gauge().value();
    }

    private static void await(StageRunner runner) {
        long deadline = System.currentTimeMillis() + 120_000;
        while (runner.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING
                && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        log("stage %s", runner.state());
    }

    private static void log(String format, Object... args) {
        System.err.printf("[harness] " + format + "%n", args);
    }
}
