package uk.ac.lsst.pipeline.bench.stages;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffers;
import uk.ac.lsst.pipeline.bench.buffer.BufferRoles;
import uk.ac.lsst.pipeline.bench.buffer.RunNames;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.demo.SampleWatchlists;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.stage.FilterStage;
import uk.ac.lsst.pipeline.local.run.LocalPipeline;
import uk.ac.lsst.pipeline.ops.TopicPlan;
import uk.ac.lsst.pipeline.spec.BufferSpec;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/**
 * The pipeline a bench run measures: the stages of a pipeline file (the project's {@code pipeline.yaml}, or the
 * file of {@code --file}) on the run's three buffers, under the run's names, every results topic with the run's
 * partitions and log-append time (so that each record's timestamp says when it reached its buffer), run in this JVM
 * by the {@link LocalPipeline}. Stateless.
 */
public final class BenchPipeline {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);

    private BenchPipeline() {
    }

    /** The stages of the file a run can measure, in file order: those that run in Java, not external ones. */
    public static List<String> runnable(PipelineSpec file, StageRegistry registry) {
        return file.stages().values().stream()
                .filter(s -> !s.type().equals(StageKind.EXTERNAL.id()) && registry.find(s.type()).isPresent())
                .map(StageSpec::name).toList();
    }

    /**
     * The file as one run uses it: its upstream, ingest and science buffers (its ingest stage's input and output,
     * and the output of the stages that read the ingest buffer) at the run's buffers; every topic and consumer group
     * under the run's names; every topic a stage writes, but dead letters, with {@code partitions} partitions and
     * log-append time.
     */
    public static PipelineSpec forRun(PipelineSpec file, StageRegistry registry, BenchBuffers buffers,
                                      int partitions) {
        StageSpec ingest = BufferRoles.ingest(file, registry);
        PipelineSpec spec = file.withBuffer(placed(file.buffer(ingest.input().buffer()), buffers.upstream()))
                .withBuffer(placed(file.buffer(ingest.output().buffer()), buffers.ingest()));
        String science = BufferRoles.scienceBuffer(file, ingest);
        if (science != null) {
            spec = spec.withBuffer(placed(file.buffer(science), buffers.science()));
        }
        RunNames names = buffers.names();
        spec = spec.renamed(names::of, names::pattern);
        Set<String> measured = measuredTopics(spec);
        return spec.withTopics(t -> {
            if (!measured.contains(t.name())) {
                return t;
            }
            Map<String, String> configs = new HashMap<>(t.configs());
            configs.put("message.timestamp.type", "LogAppendTime");
            return new TopicSpec(t.name(), partitions, t.replicationFactor(), configs);
        });
    }

    /**
     * Creates the run's topics on its buffers, uploads the sample watch lists of {@code samples} and registers
     * {@link #filter} on the filters topic of every filter-service stage.
     */
    public static void prepare(PipelineSpec spec, Map<String, String> vars, Path samples, RunNames names)
            throws Exception {
        TopicPlan.compute(spec, vars, ADMIN_TIMEOUT).apply(vars, ADMIN_TIMEOUT);
        SampleWatchlists.uploadTo(spec, vars, samples.resolve("watchlists"), "bench",
                new PrintStream(OutputStream.nullOutputStream()));
        for (StageSpec s : spec.stages().values()) {
            String topic = s.input().topics().get("filters");
            if (s.type().equals(FilterStage.KIND.id()) && topic != null) {
                try (FilterClient client = new FilterClient(StageEnvironment.bufferSettings(
                        spec.buffer(s.input().buffer()), vars).clientProperties(), topic)) {
                    client.add(filter(names));
                }
            }
        }
    }

    /**
     * The filter a run registers, which every alert passes ({@code alertId > 0}, ids only): its topic times the path
     * from upstream through features-service and filter-service to a filter's output.
     */
    public static FilterDefinition filter(RunNames names) {
        return FilterDefinition.of("bench", names.of("every-alert"), "alertId > 0", OutputLevel.IDS);
    }

    /** Starts the stages asked for, each with {@code instances} instances of {@code threads} threads. */
    public static LocalPipeline start(PipelineSpec spec, Map<String, String> vars, StageRegistry registry,
                                      Path stateDir, List<String> stages, int instances, int threads) {
        return LocalPipeline.start(spec, vars, registry, LocalPipeline.Options.of(stateDir)
                .withThreads(threads).withInstances(instances).including(s -> stages.contains(s.name()))
                .withStageVars(Map.of("KAFKA_COMMIT_INTERVAL_MS", "1000")));
    }

    /**
     * The run's pipeline with a second ingest stage: the same input, its own consumer group {@code group}, writing
     * into its own alerts topic {@code topic} (created as the alerts topic is), for the backlog reference run.
     *
     * @return the pipeline and, as its last stage, the backlog stage, named {@code <ingest>-backlog}
     */
    public static PipelineSpec withBacklogIngest(PipelineSpec spec, String ingestName, String group, String topic) {
        StageSpec ingest = spec.stage(ingestName);
        BufferSpec output = spec.buffer(ingest.output().buffer());
        TopicSpec alerts = output.topics().get(ingest.output().topics().get("alerts"));
        Map<String, String> roles = new LinkedHashMap<>(ingest.output().topics());
        roles.put("alerts", topic);
        StageSpec backlog = new StageSpec(ingestName + "-backlog", ingest.type(), group, ingest.input(),
                new StageSpec.Endpoint(output.name(), roles, List.of(), null), ingest.threads(), ingest.replicas(),
                ingest.settings(), ingest.line());
        return spec.withTopic(output.name(), new TopicSpec(topic, alerts.partitions(), alerts.replicationFactor(),
                alerts.configs())).withStage(backlog);
    }

    /** A buffer of the file, with its topics, at a bench buffer's address and with its connection settings. */
    private static BufferSpec placed(BufferSpec inFile, BenchBuffer at) {
        BufferSpec connection = at.spec();
        return new BufferSpec(inFile.name(), at.bootstrapServers(), inFile.managed(), inFile.replication(),
                connection.security(), connection.properties(), inFile.topics(), inFile.line());
    }

    /** The topics whose records are timed: every topic a stage writes, but dead letters. */
    private static Set<String> measuredTopics(PipelineSpec spec) {
        Set<String> topics = new HashSet<>();
        for (StageSpec s : spec.stages().values()) {
            s.output().topics().forEach((role, topic) -> {
                if (!role.equals("dead-letters")) {
                    topics.add(topic);
                }
            });
        }
        return topics;
    }
}
