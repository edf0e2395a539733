package uk.ac.lsst.pipeline.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/** {@code pipeline watchlist show ID}: one list with its sources, as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print one watch list with all its sources as JSON: {\"info\": {...}, \"sources\": [...]}.")
public final class WatchlistShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WatchlistCommand.Connection connection;

    @Parameters(paramLabel = "ID", description = "The list id.")
    String id;

    @Override
    public Integer call() throws Exception {
        Optional<ActiveWatchlist> list;
        try (WatchlistClient client = connection.client()) {
            list = client.get(id);
        } catch (KafkaException | IllegalStateException e) {
            spec.commandLine().getErr().println("cannot read the watch lists: " + e.getMessage());
            return 1;
        }
        if (list.isEmpty()) {
            spec.commandLine().getErr().println("no watch list '" + id + "'");
            return 1;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("info", list.get().info());
        json.put("sources", list.get().sources());
        spec.commandLine().getOut().println(JsonSerde.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        return 0;
    }
}
