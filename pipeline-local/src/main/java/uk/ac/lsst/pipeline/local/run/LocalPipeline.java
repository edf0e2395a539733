package uk.ac.lsst.pipeline.local.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRegistry;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * The stages of a pipeline file run inside this JVM, each exactly as its own process would run it: with the
 * variables the file gives it ({@link StageEnvironment}) through the generic entry point ({@link StageMain}). The
 * buffers are the file's: the caller starts them (in-process, or elsewhere) and points the file at them, and applies
 * the file's topics first. This is the one local runner of the demo, the bench and the system tests. Stages start in
 * file order (buffer-ingest first in the default file); {@code external} stages are left to their own programs.
 * Not thread-safe.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * How the stages run.
     *
     * @param stateDir  the Kafka Streams state of instance {@code i} of stage {@code s} goes to {@code stateDir/s-i}
     * @param threads   stream threads of every instance, or null for the file's
     * @param instances instances of each stage (one consumer group per stage)
     * @param include   which of the file's stages to run
     * @param stageVars variables added to every stage's (they win over the file's), e.g. a commit interval
     */
    public record Options(Path stateDir, Integer threads, int instances, Predicate<StageSpec> include,
                          Map<String, String> stageVars) {
        public Options {
            if (instances < 1) {
                throw new IllegalArgumentException("instances must be at least 1, got " + instances);
            }
            stageVars = Map.copyOf(stageVars);
        }

        /** Every stage, one instance each with the file's threads, an ephemeral HTTP port each. */
        public static Options of(Path stateDir) {
            return new Options(stateDir, null, 1, s -> true, Map.of());
        }

        public Options withThreads(Integer n) {
            return new Options(stateDir, n, instances, include, stageVars);
        }

        public Options withInstances(int n) {
            return new Options(stateDir, threads, n, include, stageVars);
        }

        public Options including(Predicate<StageSpec> which) {
            return new Options(stateDir, threads, instances, which, stageVars);
        }

        public Options withStageVars(Map<String, String> vars) {
            return new Options(stateDir, threads, instances, include, vars);
        }
    }

    private final PipelineSpec spec;
    private final Map<String, String> vars;
    private final StageRegistry registry;
    private final Options options;
    private final List<RunningStage> stages = new ArrayList<>();
    private final List<StageSpec> external = new ArrayList<>();

    private LocalPipeline(PipelineSpec spec, Map<String, String> vars, StageRegistry registry, Options options) {
        this.spec = spec;
        this.vars = Map.copyOf(vars);
        this.registry = registry;
        this.options = options;
    }

    /**
     * Starts the stages the options include, in file order, and returns once each runs; on failure those already
     * started are closed.
     *
     * @param vars the environment the file's {@code ${...}} and secrets are taken from
     * @throws IllegalArgumentException when a stage's type is not in the registry
     * @throws RuntimeException         as {@link StageMain#start} throws it, when a stage cannot start
     */
    public static LocalPipeline start(PipelineSpec spec, Map<String, String> vars, StageRegistry registry,
                                      Options options) {
        LocalPipeline pipeline = new LocalPipeline(spec, vars, registry, options);
        try {
            for (StageSpec s : spec.stages().values()) {
                if (s.type().equals(StageKind.EXTERNAL.id())) {
                    pipeline.external.add(s);
                } else if (options.include().test(s)) {
                    pipeline.stages.add(pipeline.startStage(s));
                }
            }
            return pipeline;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private RunningStage startStage(StageSpec s) {
        Stage<?> stage = registry.get(s.type());
        List<StageRunner> instances = new ArrayList<>();
        try {
            for (int i = 0; i < options.instances(); i++) {
                instances.add(StageMain.start(stage, environment(s, i)));
            }
        } catch (RuntimeException | Error e) {
            instances.forEach(StageRunner::close);
            throw e;
        }
        return new RunningStage(s, spec, vars, instances);
    }

    /** The variables of instance {@code instance} of a stage: the file's, then the local ones. */
    private Map<String, String> environment(StageSpec s, int instance) {
        Map<String, String> env = new HashMap<>(StageEnvironment.of(spec, s.name(),
                StageEnvironment.Secrets.RESOLVE, vars));
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", options.stateDir().resolve(s.name() + "-" + instance).toString());
        if (options.threads() != null) {
            env.put("STREAM_THREADS", String.valueOf(options.threads()));
        }
        env.putAll(options.stageVars());
        return env;
    }

    /** The running stages, in file order. */
    public List<RunningStage> stages() {
        return Collections.unmodifiableList(stages);
    }

    /** The running stage of that name. */
    public RunningStage stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no running stage " + name + ": expected one of "
                        + stages.stream().map(RunningStage::name).toList()));
    }

    /** The stages of the file that run elsewhere ({@code type: external}). */
    public List<StageSpec> external() {
        return List.copyOf(external);
    }

    /** True when any instance of any stage failed. */
    public boolean failed() {
        return stages.stream().anyMatch(RunningStage::failed);
    }

    /** Starts one more instance of a running stage, in the same consumer group; the caller closes it. */
    public StageRunner startExtraInstance(String name) {
        RunningStage running = stage(name);
        return StageMain.start(registry.get(running.type()), environment(running.spec(),
                running.instances().size() + 1000));
    }

    /** Stops every stage, the last started first. */
    @Override
    public void close() {
        List<RunningStage> reversed = new ArrayList<>(stages);
        Collections.reverse(reversed);
        reversed.forEach(RunningStage::close);
    }
}
