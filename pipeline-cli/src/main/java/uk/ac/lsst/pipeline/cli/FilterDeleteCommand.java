package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.filter.definition.FilterTopics;

/** {@code pipeline filter delete OWNER/NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a filter: filter-service stops evaluating it within moments, its record in the "
                + "filters topic is tombstoned.",
                "Its topic and what it holds are left as they are."})
public final class FilterDeleteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FilterCommand.OneFilter filter;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        return filter.connection.run(err, "delete failed", client -> {
            if (!client.delete(filter.key)) {
                return filter.notFound(err);
            }
            spec.commandLine().getOut().println("deleted filter " + filter.key + " (its topic "
                    + FilterTopics.topic(filter.key) + " is kept)");
            return 0;
        });
    }
}
