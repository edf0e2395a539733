package uk.ac.lsst.pipeline.bench;

import uk.ac.lsst.pipeline.cli.PipelineCommand;

/**
 * The {@code pipeline} command line with its {@code bench} subcommand: what the repository's {@code ./pipeline}
 * script runs. The command line of the images has no bench (nor Kafka's tools and MirrorMaker 2, which it needs).
 */
public final class PipelineWithBench {
    private PipelineWithBench() {
    }

    public static void main(String[] args) {
        System.exit(PipelineCommand.commandLine().addSubcommand(new BenchCommand()).execute(args));
    }
}
