package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.stage.JsonSerde;

/** {@code pipeline filter show OWNER/NAME}: one filter's whole definition, as JSON. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print one filter's whole definition as JSON: owner, name, expression, outputLevel, "
                + "dailyQuotaBytes and the topic it writes to.")
public final class FilterShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FilterCommand.OneFilter filter;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        return filter.connection.run(err, "cannot read the filters", client -> {
            Optional<FilterDefinition> found = client.get(filter.key);
            if (found.isEmpty()) {
                return filter.notFound(err);
            }
            spec.commandLine().getOut().println(JsonSerde.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(FilterListCommand.asJson(found.get())));
            return 0;
        });
    }
}
