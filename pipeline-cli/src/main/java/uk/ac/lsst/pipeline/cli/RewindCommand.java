package uk.ac.lsst.pipeline.cli;

import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import uk.ac.lsst.pipeline.ops.Rewind;
import uk.ac.lsst.pipeline.text.Counts;

/** {@code pipeline rewind}: moves a stopped stage's offsets to re-process part of its input. */
@Command(name = "rewind", mixinStandardHelpOptions = true,
        description = {"Move the committed offsets of a stopped stage's consumer group on its input topics, so "
                + "that it re-processes (or skips) alerts when it starts again.",
                "Refused while any instance runs."})
public final class RewindCommand extends OpsCommand {

    @Mixin
    PipelineFileOption pipeline;

    @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The stage, as named in the file.")
    String stage;

    @Option(names = "--to", required = true, paramLabel = "WHERE",
            description = "earliest, latest, an instant (2026-11-26T18:00:00Z) or a duration ago (PT6H).")
    String to;

    @Option(names = "--dry-run", description = "Show the moves without making them.")
    boolean dryRun;

    @Override
    int run() {
        Rewind.Target target = Rewind.Target.parse(to, Instant.now());
        List<Rewind.Move> moves = Rewind.run(pipeline.load(), stage, target, dryRun, System.getenv(),
                pipeline.timeout);
        long total = 0;
        for (Rewind.Move m : moves) {
            System.out.printf("%-28s %12s -> %d%n", m.partition(), m.from() == null ? "(none)" : m.from(), m.to());
            total += (m.from() == null ? 0 : m.from()) - m.to();
        }
        System.out.printf("%s %s of stage %s to %s (%s to %s)%n", dryRun ? "Would move" : "Moved",
                Counts.of(moves.size(), "partition"), stage, to, Counts.of(Math.abs(total), "message"),
                total >= 0 ? "re-process" : "skip");
        return 0;
    }
}
