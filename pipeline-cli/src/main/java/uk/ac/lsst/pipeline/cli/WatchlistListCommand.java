package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/** {@code pipeline watchlist list}: the lists that are matched now. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the watch lists (those complete in the topic).")
public final class WatchlistListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WatchlistCommand.Connection connection;

    @Option(names = "--json", description = "One JSON object per list instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<WatchlistInfo> lists;
        try (WatchlistClient client = connection.client()) {
            lists = client.list();
        } catch (KafkaException | IllegalStateException e) {
            spec.commandLine().getErr().println("cannot read the watch lists: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            for (WatchlistInfo info : lists) {
                out.println(JsonSerde.mapper().writeValueAsString(info));
            }
            return 0;
        }
        out.printf("%-24s %8s %8s %6s  %-20s  %-16s %s%n", "ID", "SOURCES", "RADIUS\"", "GEN", "UPDATED", "OWNER",
                "NAME");
        for (WatchlistInfo i : lists) {
            out.printf("%-24s %8d %8.2f %6d  %-20s  %-16s %s%n", i.id(), i.sourceCount(), i.defaultRadiusArcsec(),
                    i.generation(), Instant.ofEpochMilli(i.updatedAtMs()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                    i.owner(), i.name());
        }
        return 0;
    }
}
