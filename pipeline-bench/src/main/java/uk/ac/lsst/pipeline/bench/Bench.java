package uk.ac.lsst.pipeline.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.streams.KafkaStreams;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffers;
import uk.ac.lsst.pipeline.bench.buffer.BufferRoles;
import uk.ac.lsst.pipeline.bench.buffer.RunNames;
import uk.ac.lsst.pipeline.bench.measure.OutputReader;
import uk.ac.lsst.pipeline.bench.measure.RunAnalysis;
import uk.ac.lsst.pipeline.bench.measure.StageWindow;
import uk.ac.lsst.pipeline.bench.measure.ThreadCpu;
import uk.ac.lsst.pipeline.bench.measure.TopicRecords;
import uk.ac.lsst.pipeline.bench.report.LayoutCheck;
import uk.ac.lsst.pipeline.bench.report.Machine;
import uk.ac.lsst.pipeline.bench.report.Percentiles;
import uk.ac.lsst.pipeline.bench.report.RunResult;
import uk.ac.lsst.pipeline.bench.report.SeriesPoint;
import uk.ac.lsst.pipeline.bench.report.StageResult;
import uk.ac.lsst.pipeline.bench.stages.BenchPipeline;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchStage;
import uk.ac.lsst.pipeline.filter.stage.FilterStage;
import uk.ac.lsst.pipeline.local.replay.ReplayRequest;
import uk.ac.lsst.pipeline.local.replay.ReplayResult;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.local.replay.SampleAlerts;
import uk.ac.lsst.pipeline.local.run.LocalPipeline;
import uk.ac.lsst.pipeline.local.run.RunningStage;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.watchlist.WatchlistStage;

/**
 * One run of the pipeline, or of the stages asked for, on three buffers (upstream, ingest, science): fresh
 * in-process ones, or those of a pipeline file under the run's own topic and group names
 * ({@link BenchRequest#buffers}). The stages are started, the alerts replayed upstream, and once every stage has
 * read every alert the topics are read back and every output record is timed from its alert's upstream append
 * (record timestamps of log-append-time topics and the headers buffer-ingest adds; only this machine's clock).
 * Optionally Kafka's own tools and MirrorMaker 2 then run on the same buffers ({@link ReferenceRuns}). Progress goes
 * to {@code out} once a second.
 *
 * <p>A run's working directory (prepared alerts, state stores, thumbnails: thousands of files) is deleted when the
 * bench is closed, not when the run ends, so that a later run in the same bench (the measured run after a warm-up,
 * the points of a sweep) does not pay for those deletions: on ext4 without a journal, as on the machine the README's
 * figures come from, each new file skips every inode freed in the last minutes, and the thumbnailer creates three
 * files per alert. Not thread-safe.
 */
public final class Bench implements AutoCloseable {
    private static final long POLL_MS = 50;
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(5);

    private final PrintStream out;
    /** Working directories of finished runs, deleted by {@link #close}. */
    private final List<Path> finished = new CopyOnWriteArrayList<>();

    public Bench(PrintStream out) {
        this.out = out;
    }

    /** The working directories of the runs so far, still on disk until {@link #close}. */
    public List<Path> workDirectories() {
        return List.copyOf(finished);
    }

    /** Deletes the working directories of the runs so far. */
    @Override
    public void close() {
        finished.forEach(Bench::deleteQuietly);
        finished.clear();
    }

    /**
     * Runs once and returns what was measured; stages are gone, and buffers released, when it returns; the run's
     * working directory stays until {@link #close}. If the JVM is stopped meanwhile (Ctrl-C), a shutdown hook closes
     * the stages, releases the buffers and deletes the working directories of this run and the runs before it.
     */
    public RunResult run(BenchRequest request) throws Exception {
        Map<String, Path> sources = SampleAlerts.sources(request.samples().resolve("alerts"), request.surveys());
        Map<String, Long> counts = SampleAlerts.share(request.alerts(), sources);
        Path work = Files.createTempDirectory("pipeline-bench-");
        out.printf("Preparing %d alerts (%s) ...%n", request.alerts(), counts);
        Map<String, Path> prepared = new TreeMap<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            prepared.put(e.getKey(), PreparedAlerts.prepare(sources.get(e.getKey()), e.getValue(),
                    work.resolve("alerts").resolve(e.getKey())));
        }
        Map<String, String> vars = variables(request.samples(), work.resolve("thumbnails"));
        StageRegistry registry = StageRegistry.load();
        PipelineSpec file = PipelineSpec.load(request.pipelineFile(), vars, registry.kinds());
        try (BenchBuffers buffers = request.buffers().open(out)) {
            AtomicReference<LocalPipeline> running = new AtomicReference<>();
            Thread onExit = new Thread(() -> {
                LocalPipeline pipeline = running.get();
                if (pipeline != null) {
                    pipeline.close();
                }
                buffers.close();
                deleteQuietly(work);
                close();
            }, "bench-exit");
            Runtime.getRuntime().addShutdownHook(onExit);
            try {
                return runOn(buffers, request, new RunPipeline(file, vars, registry), counts, prepared, work,
                        running);
            } finally {
                removeShutdownHook(onExit);
            }
        } finally {
            finished.add(work);
        }
    }

    /**
     * The variables a run reads its pipeline file with: this process's environment, with {@code SAMPLES_DIR} and
     * {@code THUMBNAIL_DIR} (where the project's file takes its catalogues and puts its images).
     */
    static Map<String, String> variables(Path samples, Path thumbnails) {
        Map<String, String> vars = new HashMap<>(System.getenv());
        vars.put("SAMPLES_DIR", samples.toAbsolutePath().toString());
        vars.put("THUMBNAIL_DIR", thumbnails.toAbsolutePath().toString());
        return vars;
    }

    /** The pipeline file of a run, read with the run's variables, and the stages that can run. */
    record RunPipeline(PipelineSpec file, Map<String, String> vars, StageRegistry registry) {
    }

    /** Starts the stages (into {@code running}), replays, measures, runs the references. */
    private RunResult runOn(BenchBuffers buffers, BenchRequest request, RunPipeline run, Map<String, Long> counts,
                            Map<String, Path> prepared, Path work, AtomicReference<LocalPipeline> running)
            throws Exception {
        RunNames names = buffers.names();
        Map<String, Long> topicCounts = new TreeMap<>();
        Map<String, Path> topicAlerts = new TreeMap<>();
        counts.forEach((topic, n) -> topicCounts.put(names.of(topic), n));
        prepared.forEach((topic, dir) -> topicAlerts.put(names.of(topic), dir));
        buffers.upstream().ensureTopics(topicCounts.keySet().stream().map(t -> new TopicSpec(t, request.partitions(),
                (short) -1, Map.of("message.timestamp.type", "LogAppendTime",
                        "max.message.bytes", String.valueOf(5 * 1024 * 1024)))).toList());
        PipelineSpec spec = BenchPipeline.forRun(run.file(), run.registry(), buffers, request.partitions());
        out.printf("Starting stages %s: %d instance(s) x %d thread(s) each, %d partitions per topic ...%n",
                String.join(", ", request.stages()), request.instances(), request.threads(), request.partitions());
        BenchPipeline.prepare(spec, run.vars(), request.samples(), names);
        LocalPipeline pipeline = BenchPipeline.start(spec, run.vars(), run.registry(), work.resolve("state"),
                request.stages(), request.instances(), request.threads());
        running.set(pipeline);
        String ingestName = BufferRoles.ingest(spec, run.registry()).name();
        List<RunningStage> stages = new ArrayList<>(pipeline.stages());
        RunningStage ingest = pipeline.stage(ingestName);
        stages.remove(ingest);
        stages.add(0, ingest);
        int upstreamPartitions = request.partitions() * topicCounts.size();
        RunResult result;
        try {
            awaitAssigned(stages, request.partitions(), upstreamPartitions);
            LayoutCheck check = layoutCheck(buffers.ingest(), stages, List.copyOf(topicCounts.keySet()),
                    request.partitions());
            result = replayAndMeasure(request, topicAlerts, topicCounts, buffers, stages, check);
            long rebalanceMs = request.rebalance() ? timeRebalance(pipeline, stages, request.partitions()) : -1;
            pipeline.close();
            result = result.withMemory(heapAfterGcMb(), Machine.rssMb(), rebalanceMs);
        } finally {
            pipeline.close();
            running.set(null);
        }
        if (request.references()) {
            result = result.withReferences(new ReferenceRuns(out).run(request, spec, run, buffers,
                    List.copyOf(topicCounts.keySet()), ingestName, result, work));
        }
        return result;
    }

    private RunResult replayAndMeasure(BenchRequest request, Map<String, Path> sources, Map<String, Long> counts,
                                       BenchBuffers buffers, List<RunningStage> stages, LayoutCheck check)
            throws Exception {
        ThreadCpu cpu = new ThreadCpu(stages.stream().map(RunningStage::name).toList());
        cpu.start();
        Map<String, List<long[]>> inSamples = new LinkedHashMap<>();
        stages.forEach(s -> inSamples.put(s.name(), new ArrayList<>()));
        Map<String, Long> doneMs = new HashMap<>();
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(counts.size(), r -> new Thread(r, "bench-replay"));
        List<Future<ReplayResult>> replays = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            replays.add(pool.submit(() -> replay(request, buffers.upstream(), sources.get(e.getKey()), e.getKey(),
                    e.getValue(), acknowledged)));
        }
        pool.shutdown();
        long started = System.currentTimeMillis();
        long deadline = Long.MAX_VALUE;
        long nextPrint = started + 1000;
        long replayed = -1;
        while (true) {
            long now = System.currentTimeMillis();
            stages.forEach(s -> inSamples.get(s.name()).add(new long[] {now, s.alertsIn()}));
            if (replayed < 0 && pool.isTerminated()) {
                replayed = 0;
                for (int i = 0; i < replays.size(); i++) {
                    ReplayResult r = replays.get(i).get();
                    replayed += r.acknowledged();
                    acknowledged.put(new ArrayList<>(counts.keySet()).get(i), r.acknowledged());
                }
                deadline = now + request.timeout().toMillis();
            }
            if (replayed >= 0) {
                markDone(stages, replayed, now, doneMs);
            }
            if (now >= nextPrint) {
                cpu.sample();
                progress(now - started, request.alerts(), acknowledged, stages);
                nextPrint += 1000;
            }
            if (doneMs.size() == stages.size() || now > deadline || stages.stream().anyMatch(RunningStage::failed)) {
                break;
            }
            Thread.sleep(POLL_MS);
        }
        cpu.sample();
        boolean complete = doneMs.size() == stages.size() && stages.stream().noneMatch(RunningStage::failed);
        out.printf("  %s after %.1f s; reading the topics back ...%n", complete ? "drained" : "NOT drained",
                (System.currentTimeMillis() - started) / 1000.0);
        return analyse(request, stages, buffers, replayed, complete, doneMs, inSamples, cpu.secondsByGroup(), check);
    }

    private RunResult analyse(BenchRequest request, List<RunningStage> stages, BenchBuffers buffers, long replayed,
                              boolean complete, Map<String, Long> doneMs, Map<String, List<long[]>> inSamples,
                              Map<String, Double> cpuByGroup, LayoutCheck check) {
        RunningStage ingestStage = stages.get(0);
        TopicRecords alerts = OutputReader.read(buffers.ingest().clientProperties(), ingestStage.outputTopic(),
                READ_TIMEOUT);
        RunAnalysis analysis = new RunAnalysis(alerts);
        long alertsStart = alerts.firstAppendMs();
        List<StageResult> results = new ArrayList<>();
        Map<String, List<SeriesPoint>> series = new LinkedHashMap<>();
        Percentiles trigger = Percentiles.NONE;
        Percentiles filter = Percentiles.NONE;
        long lastDone = 0;
        Map<String, TopicRecords> inputs = new HashMap<>(Map.of(ingestStage.outputTopic(), alerts));
        for (RunningStage s : stages) {
            boolean first = s == ingestStage;
            boolean filters = s.type().equals(FilterStage.KIND.id());
            String outputTopic = filters ? BenchPipeline.filter(buffers.names()).topic() : s.outputTopic();
            TopicRecords output = first ? alerts
                    : OutputReader.read(s.output().clientProperties(), outputTopic, READ_TIMEOUT);
            long done = Math.max(doneMs.getOrDefault(s.name(), System.currentTimeMillis()),
                    output.size() == 0 ? 0 : output.lastAppendMs());
            lastDone = Math.max(lastDone, done);
            StageWindow window = new StageWindow(first ? analysis.startMs() : alertsStart, done);
            double cpuSeconds = cpuByGroup.getOrDefault(s.name(), 0.0);
            results.add(first ? analysis.ingest(s.name(), s.alertsIn(), window, cpuSeconds)
                    : analysis.downstream(s.name(), s.alertsIn(), inputs.computeIfAbsent(s.streamedTopic(),
                            t -> OutputReader.read(s.input().clientProperties(), t, READ_TIMEOUT)), output, window,
                            cpuSeconds));
            series.put(s.name(), analysis.series(output, inSamples.get(s.name())));
            if (s.type().equals(WatchlistStage.KIND.id())) {
                trigger = Percentiles.of(analysis.latencies(output));
            }
            if (filters) {
                filter = Percentiles.of(analysis.latencies(output));
            }
        }
        long upstreamLast = 0;
        for (int i = 0; i < alerts.size(); i++) {
            upstreamLast = Math.max(upstreamLast, alerts.upstreamMs(i));
        }
        double pipelineSeconds = Math.max(1, lastDone - analysis.startMs()) / 1000.0;
        long bytes = alerts.totalBytes();
        List<String> skipped = request.runnable().stream().filter(name -> !request.stages().contains(name)).toList();
        return new RunResult(buffers.description(), buffers.names().prefix(), request.stages(), skipped,
                request.partitions(), check.ingestBrokers(), request.instances(), request.threads(),
                request.schedule().describe(), request.surveys(), replayed, alerts.size(),
                alerts.size() == 0 ? 0 : bytes / alerts.size(), complete,
                Math.max(0, upstreamLast - analysis.startMs()) / 1000.0, pipelineSeconds,
                alerts.size() / pipelineSeconds, bytes / pipelineSeconds / 1e6, results, trigger, filter, cpuByGroup,
                series,
                -1, -1, -1, check, null);
    }

    /** A stage is done once it has read every alert meant for it. */
    private static void markDone(List<RunningStage> stages, long replayed, long now, Map<String, Long> doneMs) {
        RunningStage ingest = stages.get(0);
        if (ingest.alertsIn() >= replayed) {
            doneMs.putIfAbsent(ingest.name(), now);
        }
        if (!doneMs.containsKey(ingest.name())) {
            return;
        }
        long forwarded = ingest.alertsOut();
        for (RunningStage s : stages.subList(1, stages.size())) {
            if (s.alertsIn() >= forwarded) {
                doneMs.putIfAbsent(s.name(), now);
            }
        }
    }

    private ReplayResult replay(BenchRequest request, BenchBuffer upstream, Path dir, String topic, long count,
                                Map<String, Long> acknowledged) {
        try (Replayer replayer = Replayer.connect(upstream.clientProperties(), SchemaSources.none())) {
            return replayer.run(ReplayRequest.builder(topic, List.of(dir)).count(count).schedule(request.schedule())
                    .seed(17).build(), p -> acknowledged.put(topic, p.acknowledged()));
        }
    }

    private void progress(long elapsedMs, long requested, Map<String, Long> acknowledged, List<RunningStage> stages) {
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "  %6.1f s  replayed %d/%d",
                elapsedMs / 1000.0, acknowledged.values().stream().mapToLong(Long::longValue).sum(), requested));
        for (RunningStage s : stages) {
            line.append(String.format(java.util.Locale.ROOT, "  %s %d", s.name().replace("-service", ""),
                    s.alertsIn()));
        }
        out.println(line);
    }

    /** Waits until every stage runs and holds all its input partitions (buffer-ingest: every upstream one). */
    private void awaitAssigned(List<RunningStage> stages, int partitions, int upstreamPartitions)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (!stages.stream().allMatch(s -> s.assigned(s == stages.get(0) ? upstreamPartitions : partitions))) {
            if (System.currentTimeMillis() > deadline || stages.stream().anyMatch(RunningStage::failed)) {
                throw new IllegalStateException("the stages did not all get their partitions within 120 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Leaders of the alerts topic per broker (every broker the cluster names, leader or not), and input partitions
     * per instance of every stage (buffer-ingest: of each upstream topic; the others: of the topic they stream).
     */
    private static LayoutCheck layoutCheck(BenchBuffer ingest, List<RunningStage> stages, List<String> upstreamTopics,
                                           int partitions) throws Exception {
        String alertsTopic = stages.get(0).outputTopic();
        Map<Integer, Integer> leaders = new TreeMap<>();
        try (Admin admin = ingest.admin()) {
            TopicDescription d = admin.describeTopics(List.of(alertsTopic)).allTopicNames().get().get(alertsTopic);
            admin.describeCluster().nodes().get().forEach(n -> leaders.put(n.id(), 0));
            for (TopicPartitionInfo p : d.partitions()) {
                leaders.merge(p.leader().id(), 1, Integer::sum);
            }
        }
        Map<String, List<Integer>> perInstance = new LinkedHashMap<>();
        for (RunningStage s : stages) {
            for (String topic : s == stages.get(0) ? upstreamTopics : List.of(s.streamedTopic())) {
                perInstance.put(s.name() + " <- " + topic, s.partitionsPerInstance(topic));
            }
        }
        boolean balanced = leaders.values().stream().distinct().count() == 1
                && perInstance.values().stream().allMatch(l -> l.stream().distinct().count() == 1);
        return new LayoutCheck(leaders.size(), partitions, leaders, perInstance, balanced);
    }

    /**
     * Starts one more crossmatch-service instance; the time until both run and share every partition, or -1 when
     * crossmatch-service is not among the stages.
     */
    private long timeRebalance(LocalPipeline pipeline, List<RunningStage> stages, int partitions)
            throws InterruptedException {
        RunningStage crossmatch = stages.stream().filter(s -> s.type().equals(CrossmatchStage.KIND.id()))
                .findFirst().orElse(null);
        if (crossmatch == null) {
            return -1;
        }
        String alertsTopic = crossmatch.streamedTopic();
        long started = System.nanoTime();
        StageRunner extra = pipeline.startExtraInstance(crossmatch.name());
        try {
            List<StageRunner> both = new ArrayList<>(crossmatch.instances());
            both.add(extra);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!(both.stream().allMatch(i -> i.state() == KafkaStreams.State.RUNNING)
                    && RunningStage.partitionsPerInstance(both, alertsTopic).stream().mapToInt(Integer::intValue)
                            .sum() == partitions
                    && RunningStage.partitionsPerInstance(both, alertsTopic).stream().allMatch(n -> n > 0))) {
                if (System.nanoTime() > deadline) {
                    return -1;
                }
                Thread.sleep(10);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            out.printf("  a second crossmatch-service instance joined: rebalanced in %d ms%n", ms);
            return ms;
        } finally {
            extra.close();
        }
    }

    private static double heapAfterGcMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
