package uk.ac.lsst.pipeline.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.ops.Tail;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;

/** {@code pipeline tail}: a topic's records as JSON lines. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"Print the records of a topic as JSON lines (topic, partition, offset, timestamp, key, "
                + "headers, value).",
                "JSON values are printed as JSON, alerts as a summary, other bytes as base64. Reads without a "
                        + "consumer group."})
public final class TailCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--buffer", required = true, paramLabel = "BUFFER", description = "The buffer, as named in the file.")
    String buffer;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC")
    String topic;

    @Option(names = "--from", defaultValue = "earliest", paramLabel = "WHERE",
            description = "earliest, latest, an instant or a duration ago (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = {"-n", "--max"}, defaultValue = "0", paramLabel = "N", description = "Stop after N records.")
    long max;

    @Option(names = "--follow", description = "Wait for new records instead of stopping at the end.")
    boolean follow;

    @Override
    int run() {
        PipelineSpec spec = pipeline.load();
        new Tail(SchemaSources.defaults()).run(StageEnvironment.bufferSettings(spec.buffer(buffer), System.getenv()),
                new Tail.Request(topic, from, max, follow), System.out);
        return 0;
    }
}
