package uk.ac.lsst.pipeline.cli;

import java.util.concurrent.Callable;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.ops.OpsException;
import uk.ac.lsst.pipeline.spec.PipelineFileException;

/**
 * A command on a pipeline's buffers. Exit codes: 0 done, 1 the operation failed or was refused (the message says
 * why), 2 the pipeline file or the arguments are invalid.
 */
abstract class OpsCommand implements Callable<Integer> {

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (PipelineFileException | SettingsException | IllegalArgumentException e) {
            System.err.println("pipeline: " + e.getMessage());
            return 2;
        } catch (OpsException e) {
            System.err.println("pipeline: " + e.getMessage());
            return 1;
        }
    }

    abstract int run() throws Exception;
}
