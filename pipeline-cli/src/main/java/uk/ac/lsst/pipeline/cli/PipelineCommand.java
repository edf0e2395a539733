package uk.ac.lsst.pipeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pipeline}: the command line of the LSST:UK alert pipeline. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, version = "pipeline 0.1.0",
        description = "The LSST:UK alert pipeline: Kafka Streams stages between Kafka buffers.",
        subcommands = {DemoCommand.class, PlanCommand.class, ApplyCommand.class, StatusCommand.class,
                RewindCommand.class, EnvCommand.class, TailCommand.class, BuffersCommand.class, StageCommand.class,
                ReplayCommand.class, XmatchCommand.class, WatchlistCommand.class, FilterCommand.class,
                ThumbnailsCommand.class})
public final class PipelineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with every subcommand; others (the bench) may be added before it runs. */
    public static CommandLine commandLine() {
        return new CommandLine(new PipelineCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
