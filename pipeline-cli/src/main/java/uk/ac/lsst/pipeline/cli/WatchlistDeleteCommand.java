package uk.ac.lsst.pipeline.cli;

import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistWriteException;

/** {@code pipeline watchlist delete ID}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a watch list: it stops matching within seconds, its records are tombstoned.")
public final class WatchlistDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WatchlistCommand.Connection connection;

    @Parameters(paramLabel = "ID", description = "The list id.")
    String id;

    @Override
    public Integer call() {
        try (WatchlistClient client = connection.client()) {
            if (!client.delete(id)) {
                spec.commandLine().getErr().println("no watch list '" + id + "'");
                return 1;
            }
            spec.commandLine().getOut().println("deleted watch list " + id);
            return 0;
        } catch (WatchlistWriteException | KafkaException | IllegalStateException e) {
            spec.commandLine().getErr().println("delete failed: " + e.getMessage());
            return 1;
        }
    }
}
