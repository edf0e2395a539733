package uk.ac.lsst.pipeline.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.admin.Admin;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffers;
import uk.ac.lsst.pipeline.bench.buffer.RunNames;
import uk.ac.lsst.pipeline.bench.measure.OutputReader;
import uk.ac.lsst.pipeline.bench.measure.TopicRecords;
import uk.ac.lsst.pipeline.bench.reference.KafkaPerfTools;
import uk.ac.lsst.pipeline.bench.reference.MirrorMaker2;
import uk.ac.lsst.pipeline.bench.report.RunResult;
import uk.ac.lsst.pipeline.bench.stages.BenchPipeline;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.local.replay.Replayer;
import uk.ac.lsst.pipeline.local.run.LocalPipeline;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.text.Counts;

/**
 * The references of a run, on the run's own buffers once its stages have stopped: the upstream alerts (still in
 * the upstream buffer) mirrored into the ingest buffer by MirrorMaker 2 and, the same way, by a second
 * buffer-ingest with a fresh group and topic; then Kafka's producer and consumer performance tools with the run's
 * mean alert size and partitions, and the run's record count (at least {@link #MIN_TOOL_RECORDS}). They connect as
 * the run's stages do, and their topics and groups have the run's names. Not thread-safe.
 */
final class ReferenceRuns {
    static final String BACKLOG_APP_ID = "buffer-ingest-backlog";
    static final String CONSUMER_PERF_GROUP = "consumer-perf";
    static final String BACKLOG_TOPIC = "alerts-backlog";
    static final String PERF_TOPIC = "perf-produce-consume";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /**
     * MirrorMaker 2 and buffer-ingest each mirror the backlog this many times, alternately, each time into fresh
     * topics under fresh names; the median trial of each is reported: one mirror of a few thousand alerts lasts one
     * or two seconds, and single trials on two cores put their ratio anywhere between 0.6 and 1.1.
     */
    static final int MIRROR_TRIALS = 3;
    /** Kafka's tools get at least this many records, so that their start-up does not dominate their rates. */
    static final long MIN_TOOL_RECORDS = 1000;

    private final PrintStream out;

    ReferenceRuns(PrintStream out) {
        this.out = out;
    }

    /**
     * @param spec      the run's pipeline
     * @param pipeline  its file, variables and stages
     * @param topics    the run's upstream topics
     * @param ingest    the name of the run's ingest stage
     * @param run       what the run measured
     * @param work      the run's working directory
     */
    uk.ac.lsst.pipeline.bench.report.References run(BenchRequest request, PipelineSpec spec, Bench.RunPipeline pipeline,
                                                     BenchBuffers buffers, List<String> topics, String ingest,
                                                     RunResult run, Path work) throws Exception {
        long records = run.alertsReplayed();
        int tasks = request.instances() * request.threads();
        RunNames names = buffers.names();
        BenchBuffer ingestBuffer = buffers.ingest();

        out.printf("References on the same buffers (%s, %d trials of each mirror, alternating):%n",
                Counts.of(records, "alert"), MIRROR_TRIALS);
        List<Trial> mm2 = new ArrayList<>();
        List<Trial> ingested = new ArrayList<>();
        for (int trial = 1; trial <= MIRROR_TRIALS; trial++) {
            mm2.add(mirrorMaker2(trial, request, buffers, topics, records, tasks));
            ingested.add(bufferIngest(trial, request, spec, pipeline, buffers, ingest, records, work));
        }
        Trial mm2Median = median(mm2);
        Trial ingestMedian = median(ingested);

        int size = (int) Math.max(1, run.meanAlertBytes());
        long perfRecords = Math.max(records, MIN_TOOL_RECORDS);
        out.printf("  ProducerPerformance: %s of %s, %s ...%n", Counts.of(perfRecords, "record"),
                Counts.of(size, "byte"), Counts.of(request.partitions(), "partition"));
        KafkaPerfTools.Result produced = KafkaPerfTools.produce(ingestBuffer, names.of(PERF_TOPIC), request.partitions(),
                perfRecords, size, Replayer.producerDefaults());
        out.println("    " + produced.line());
        out.println("  ConsumerPerformance ...");
        KafkaPerfTools.Result consumed = KafkaPerfTools.consume(ingestBuffer, names.of(PERF_TOPIC), perfRecords,
                names.of(CONSUMER_PERF_GROUP));
        out.printf(Locale.ROOT, "    %.0f records/s, %.1f MB/s (fetch rate)%n", consumed.recordsPerSecond(),
                consumed.mbPerSecond());
        double plain = KafkaPerfTools.produceThenConsume(produced.recordsPerSecond(), consumed.recordsPerSecond());
        return new uk.ac.lsst.pipeline.bench.report.References(size, perfRecords, produced.recordsPerSecond(),
                produced.mbPerSecond(), consumed.recordsPerSecond(), consumed.mbPerSecond(), plain,
                mm2Median.perSecond(), mm2Median.mbPerSecond(), mm2Median.wallSeconds(), ingestMedian.perSecond(),
                ingestMedian.mbPerSecond(), ingestMedian.perSecond() / mm2Median.perSecond(),
                run.pipelineAlertsPerSecond() / plain, produced.line(), consumed.line(),
                mm2.stream().map(Trial::perSecond).toList(), ingested.stream().map(Trial::perSecond).toList());
    }

    /** One mirror of the backlog: records/s and MB/s between first and last append, seconds from its start. */
    record Trial(double perSecond, double mbPerSecond, double wallSeconds) {
    }

    /** MirrorMaker 2 into topics of their own; the first trial has the run's names, the others {@code t<n>-} too. */
    private Trial mirrorMaker2(int trial, BenchRequest request, BenchBuffers buffers, List<String> topics,
                               long records, int tasks) throws Exception {
        RunNames names = trial == 1 ? buffers.names() : new RunNames(buffers.names().prefix() + "t" + trial + "-");
        out.printf("  MirrorMaker 2 (%s) upstream -> ingest, trial %d ...%n", Counts.of(tasks, "task"), trial);
        double wall = MirrorMaker2.mirror(buffers.upstream(), buffers.ingest(), names, topics, request.partitions(),
                records, tasks, TIMEOUT);
        Trial t = rate(buffers.ingest(), topics.stream().map(topic -> MirrorMaker2.targetTopic(names, topic)).toList(),
                wall);
        out.printf(Locale.ROOT, "    %.0f alerts/s, %.1f MB/s (%.1f s from start)%n", t.perSecond(),
                t.mbPerSecond(), wall);
        return t;
    }

    /** A second buffer-ingest with a fresh group into a fresh topic ({@code alerts-backlog}, then {@code -2}, ...). */
    private Trial bufferIngest(int trial, BenchRequest request, PipelineSpec spec, Bench.RunPipeline pipeline,
                               BenchBuffers buffers, String ingest, long records, Path work) throws Exception {
        String suffix = trial == 1 ? "" : "-" + trial;
        RunNames names = buffers.names();
        String backlogTopic = names.of(BACKLOG_TOPIC + suffix);
        out.printf("  buffer-ingest from the same backlog into topic %s, trial %d ...%n", backlogTopic, trial);
        PipelineSpec backlogSpec = BenchPipeline.withBacklogIngest(spec, ingest, names.of(BACKLOG_APP_ID + suffix),
                backlogTopic);
        TopicPlan.compute(backlogSpec, pipeline.vars(), TIMEOUT).apply(pipeline.vars(), TIMEOUT);
        long started = System.nanoTime();
        try (LocalPipeline backlog = BenchPipeline.start(backlogSpec, pipeline.vars(), pipeline.registry(),
                work.resolve("backlog-state" + suffix), List.of(ingest + "-backlog"), request.instances(),
                request.threads())) {
            awaitRecords(buffers.ingest(), backlogTopic, records);
        }
        Trial t = rate(buffers.ingest(), List.of(backlogTopic), (System.nanoTime() - started) / 1e9);
        out.printf(Locale.ROOT, "    %.0f alerts/s, %.1f MB/s (%.1f s from start)%n", t.perSecond(),
                t.mbPerSecond(), t.wallSeconds());
        return t;
    }

    /** The trial of median rate, whole: its rate, MB/s and wall time belong together. */
    static Trial median(List<Trial> trials) {
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingDouble(Trial::perSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Records per second and MB/s of {@code topics}, between their first and last append. */
    private static Trial rate(BenchBuffer buffer, List<String> topics, double wallSeconds) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count = 0;
        long bytes = 0;
        for (String topic : topics) {
            TopicRecords r = OutputReader.read(buffer.clientProperties(), topic, TIMEOUT);
            if (r.size() == 0) {
                continue;
            }
            first = Math.min(first, r.firstAppendMs());
            last = Math.max(last, r.lastAppendMs());
            count += r.size();
            bytes += r.totalBytes();
        }
        double seconds = Math.max(1, last - first) / 1000.0;
        return new Trial(count / seconds, bytes / seconds / 1e6, wallSeconds);
    }

    private static void awaitRecords(BenchBuffer buffer, String topic, long records) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = buffer.admin()) {
            TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(30));
            while (topics.endOffsets(List.of(topic)).values().stream().mapToLong(Long::longValue).sum() < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("buffer-ingest did not mirror " + records + " alerts within "
                            + TIMEOUT);
                }
                Thread.sleep(50);
            }
        }
    }

}
