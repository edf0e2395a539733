package uk.ac.lsst.pipeline.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/** The {@code -f FILE} option of the commands that work on a whole pipeline. */
final class PipelineFileOption {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The pipeline file (default: $PIPELINE_FILE, else ./pipeline.yaml).")
    Path file;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10S",
            description = "How long to wait for a buffer to answer (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    Path path() {
        return path(file);
    }

    /** The file, with ${VARIABLES} from this process's environment. */
    PipelineSpec load() {
        return load(file);
    }

    /** {@code file} when given, else $PIPELINE_FILE, else ./pipeline.yaml. */
    static Path path(Path file) {
        if (file != null) {
            return file;
        }
        String env = System.getenv(PipelineSpec.FILE_VARIABLE);
        return Path.of(env == null || env.isBlank() ? "pipeline.yaml" : env);
    }

    /**
     * The pipeline file {@link #path(Path)}, with ${VARIABLES} from this process's environment, for the commands
     * that read it without connecting (and so take no {@code --timeout}).
     */
    static PipelineSpec load(Path file) {
        return PipelineSpec.load(path(file), System.getenv(), StageRegistry.load().kinds());
    }
}
