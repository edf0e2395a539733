package uk.ac.lsst.pipeline.stage;

import java.nio.file.Path;
import java.util.Map;
import uk.ac.lsst.pipeline.buffer.BufferCheck;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.PipelineSpec;

/**
 * The one entry point of every stage: reads its settings (from its variables, or from a pipeline file with
 * {@code PIPELINE_FILE} and {@code PIPELINE_STAGE}), builds it, checks its buffers and topics, serves health and
 * metrics, runs until SIGTERM and closes. The same steps for every stage, whether it runs in its own image, under
 * {@code pipeline stage} or in a local run.
 *
 * <p>Exit codes of {@link #run}: 0 after SIGTERM, 1 when the stage failed or a buffer or topic it needs is
 * missing (an orchestrator restarts it), 2 for settings that can never work (invalid variables, a catalogue that
 * does not load).
 */
public final class StageMain {
    private StageMain() {
    }

    /**
     * Runs the stage named by the only argument (a stage type such as {@code crossmatch-service}), or the only stage
     * on the class path (a service image), or the type of {@code PIPELINE_STAGE} in {@code PIPELINE_FILE}.
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Stage<?> stage;
        try {
            stage = select(StageRegistry.load(), args, env);
        } catch (IllegalArgumentException | PipelineFileException e) {
            System.err.println("stage: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code = run(stage, env);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Which stage {@link #main} runs; throws IllegalArgumentException naming the choices when it cannot tell. */
    static Stage<?> select(StageRegistry registry, String[] args, Map<String, String> env) {
        if (args.length > 1) {
            throw new IllegalArgumentException("expected at most one argument, the stage type: one of "
                    + registry.ids());
        }
        if (args.length == 1) {
            return registry.get(args[0]);
        }
        if (registry.stages().size() == 1) {
            return registry.stages().get(0);
        }
        String file = env.get(PipelineSpec.FILE_VARIABLE);
        String name = env.get(PipelineEnvironment.STAGE_VARIABLE);
        if (file != null && !file.isBlank() && name != null && !name.isBlank()) {
            PipelineSpec spec = PipelineSpec.load(Path.of(file.trim()), env, registry.kinds());
            return registry.get(spec.stage(name.trim()).type());
        }
        throw new IllegalArgumentException("this class path holds the stages " + registry.ids() + ": name one as "
                + "the argument, or set " + PipelineSpec.FILE_VARIABLE + " and " + PipelineEnvironment.STAGE_VARIABLE);
    }

    /**
     * Runs {@code stage} with these variables until SIGTERM or failure; problems are printed to standard error.
     *
     * @return the exit code (see the class comment)
     */
    public static int run(Stage<?> stage, Map<String, String> env) {
        StageRunner runner;
        try {
            runner = create(stage, env);
        } catch (SettingsException | PipelineFileException | StageStartException e) {
            System.err.println(stage.kind().id() + ": " + e.getMessage());
            return 2;
        }
        return runner.runUntilStopped();
    }

    /**
     * Builds and starts {@code stage} with these variables and returns it running (the caller closes it): for local
     * runs and tests, which run stages inside their own process.
     *
     * @throws SettingsException       listing every invalid variable
     * @throws PipelineFileException   for an invalid pipeline file
     * @throws StageStartException     when the stage cannot be built or its topics are missing
     * @throws BufferCheck.BufferUnavailableException when a buffer cannot be used
     */
    public static StageRunner start(Stage<?> stage, Map<String, String> env) {
        StageRunner runner = create(stage, env);
        try {
            runner.start();
            return runner;
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
    }

    /** Settings, meters and parts of {@code stage}, in a runner not yet started. */
    public static StageRunner create(Stage<?> stage, Map<String, String> env) {
        return createTyped(stage, env);
    }

    private static <S extends StageConfig> StageRunner createTyped(Stage<S> stage, Map<String, String> env) {
        Env vars = new Env(PipelineEnvironment.resolve(env, stage.kind()));
        S settings = stage.settings(vars);
        vars.check();
        StageMetrics metrics = StageMetrics.prometheus(settings.stage().applicationId());
        return new StageRunner(settings, stage.build(settings, StageContext.of(metrics)), metrics);
    }
}
