package uk.ac.lsst.pipeline.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchMain;
import uk.ac.lsst.pipeline.ingest.IngestMain;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailMain;
import uk.ac.lsst.pipeline.watchlist.WatchlistMain;

/**
 * {@code pipeline stage NAME}: runs one stage service in the foreground, configured by a pipeline file or by
 * environment variables.
 */
@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {"Run one stage until SIGTERM.",
                "With -f, NAME is a stage of the pipeline file and its settings come from the file (environment "
                        + "variables win); without, NAME is one of buffer-ingest, crossmatch-service, "
                        + "watchlist-service, thumbnail-service, configured by environment variables."})
public final class StageCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The stage to run.")
    String name;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A pipeline file naming the stage.")
    Path file;

    @Override
    public Integer call() {
        Map<String, String> env = new HashMap<>(System.getenv());
        StageType type;
        if (file != null) {
            try {
                type = PipelineSpec.load(file, env).stage(name).type();
            } catch (PipelineFileException | IllegalArgumentException e) {
                System.err.println("pipeline: " + e.getMessage());
                return 2;
            }
            env.put(PipelineSpec.FILE_VARIABLE, file.toString());
            env.put(PipelineEnvironment.STAGE_VARIABLE, name);
        } else {
            type = StageType.of(name).filter(t -> t != StageType.EXTERNAL).orElse(null);
        }
        if (type == null || type == StageType.EXTERNAL) {
            System.err.println("pipeline: stage '" + name + "' cannot run here: expected buffer-ingest, "
                    + "crossmatch-service, watchlist-service or thumbnail-service"
                    + (type == StageType.EXTERNAL ? " (it is an external stage: run it with its own program)" : ""));
            return 2;
        }
        switch (type) {
            case BUFFER_INGEST -> IngestMain.run(env);
            case CROSSMATCH_SERVICE -> CrossmatchMain.run(env);
            case WATCHLIST_SERVICE -> WatchlistMain.run(env);
            case THUMBNAIL_SERVICE -> ThumbnailMain.run(env);
            default -> throw new IllegalStateException(type.toString());
        }
        return 0;
    }
}
