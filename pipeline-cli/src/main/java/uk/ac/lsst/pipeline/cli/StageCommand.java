package uk.ac.lsst.pipeline.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/**
 * {@code pipeline stage NAME}: runs one stage in the foreground through the generic entry point, configured by a
 * pipeline file or by environment variables.
 */
@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {"Run one stage until SIGTERM.",
                "With -f, NAME is a stage of the pipeline file and its settings come from the file (environment "
                        + "variables win); without, NAME is a stage type (buffer-ingest, crossmatch-service, "
                        + "watchlist-service, thumbnail-service, ...), configured by environment variables."})
public final class StageCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The stage to run.")
    String name;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A pipeline file naming the stage.")
    Path file;

    @Override
    public Integer call() {
        Map<String, String> env = new HashMap<>(System.getenv());
        StageRegistry registry = StageRegistry.load();
        String type = name;
        if (file != null) {
            try {
                type = PipelineSpec.load(file, env, registry.kinds()).stage(name).type();
            } catch (PipelineFileException | IllegalArgumentException e) {
                System.err.println("pipeline: " + e.getMessage());
                return 2;
            }
            env.put(PipelineSpec.FILE_VARIABLE, file.toString());
            env.put(PipelineEnvironment.STAGE_VARIABLE, name);
        }
        if (type.equals(StageKind.EXTERNAL.id())) {
            System.err.println("pipeline: stage '" + name + "' cannot run here: it is an external stage (run it "
                    + "with its own program)");
            return 2;
        }
        Stage<?> stage = registry.find(type).orElse(null);
        if (stage == null) {
            System.err.println("pipeline: stage '" + name + "' cannot run here: expected one of " + registry.ids());
            return 2;
        }
        return StageMain.run(stage, env);
    }
}
