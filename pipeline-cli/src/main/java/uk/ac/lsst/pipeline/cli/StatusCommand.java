package uk.ac.lsst.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.ops.PipelineStatus;
import uk.ac.lsst.pipeline.ops.StatusTable;
import uk.ac.lsst.pipeline.spec.PipelineSpec;

/** {@code pipeline status}: buffers, topics and stages, their lag and rates. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Per buffer: whether it answers, its brokers. Per topic: partitions, messages, size, rate.",
                "Per stage: its group's members and their partitions, lag per partition and in total, and the "
                        + "time to catch up at the current rate. Rates are measured between two snapshots "
                        + "--interval apart (stages' rates come from committed offsets, so they move in steps of "
                        + "the commit interval)."})
public final class StatusCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Spec
    CommandSpec command;

    @Option(names = "--json", description = "Print JSON for scripts instead of the table.")
    boolean json;

    @Option(names = "--watch", description = "Refresh every --interval until interrupted.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT2S",
            description = "Time between the snapshots that rates come from (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--partitions", description = "Show the lag of every partition.")
    boolean partitions;

    @Override
    int run() throws Exception {
        PipelineSpec spec = pipeline.load();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        java.io.PrintWriter out = command.commandLine().getOut();
        Deque<PipelineStatus> history = new ArrayDeque<>();
        history.add(PipelineStatus.collect(spec, System.getenv(), pipeline.timeout));
        while (true) {
            Thread.sleep(interval.toMillis());
            PipelineStatus now = PipelineStatus.collect(spec, System.getenv(), pipeline.timeout);
            // rates over up to a minute, so that commit steps even out
            while (history.size() > 1 && Duration.between(history.peekFirst().at(), now.at()).toSeconds() > 60) {
                history.removeFirst();
            }
            PipelineStatus shown = now.rates(history.peekFirst());
            history.addLast(now);
            if (watch && !json) {
                out.print("\033[H\033[2J");
                out.println("pipeline status of " + spec.source() + " at " + now.at() + " (Ctrl-C to stop)\n");
            }
            out.println(json ? mapper.writeValueAsString(shown) : StatusTable.render(shown, partitions));
            out.flush();
            if (!watch) {
                return shown.buffers().stream().allMatch(PipelineStatus.BufferStatus::reachable) ? 0 : 1;
            }
        }
    }
}
