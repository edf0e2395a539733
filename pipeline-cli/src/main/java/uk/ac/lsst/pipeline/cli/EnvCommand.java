package uk.ac.lsst.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;

/** {@code pipeline env}: the environment a stage needs, from the pipeline file. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Print the environment variables that configure a stage, derived from the pipeline file, "
                + "one NAME=value per line (or JSON).",
                "Secrets are never printed: a secret from a file appears as NAME_FILE=path, one from the "
                        + "environment as NAME=${VARIABLE}."})
public final class EnvCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Parameters(paramLabel = "STAGE", description = "The stage, as named in the file.")
    String stage;

    @Option(names = "--json", description = "Print a JSON object instead of NAME=value lines.")
    boolean json;

    @Override
    int run() throws Exception {
        PipelineSpec spec = pipeline.load();
        Map<String, String> vars = StageEnvironment.of(spec, stage, StageEnvironment.Secrets.REFERENCE, Map.of());
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(vars));
        } else {
            System.out.println("# " + stage + " (" + spec.stage(stage).type() + ") from " + spec.source());
            vars.forEach((k, v) -> System.out.println(k + "=" + v));
        }
        return 0;
    }
}
