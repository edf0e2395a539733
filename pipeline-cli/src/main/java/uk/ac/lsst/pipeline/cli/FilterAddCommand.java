package uk.ac.lsst.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;

/** {@code pipeline filter add}: register a filter, or replace the one of that owner and name. */
@Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register a filter, or replace the filter of the same owner and name.",
                "The expression is compiled first: one that does not compile is refused with the position of each "
                        + "problem, and nothing is registered. filter-service creates the filter's topic and "
                        + "applies it within moments.",
                "Output levels: ids (alert and object ids, survey, mjd), record (the annotated record without its "
                        + "photometry history), full (with it)."},
        footer = {"", "Examples:",
                "  pipeline filter add -f pipeline.yaml --owner alice --name bright-sn \\",
                "    --expression 'classification == \"SN\" && magnitude < 19.5'",
                "  pipeline filter add --owner alice --name risers --output ids \\",
                "    --expression-file risers.cel --quota-mb 10"})
public final class FilterAddCommand implements Callable<Integer> {
    private static final long BYTES_PER_MB = 1_000_000L;

    @Spec
    CommandSpec spec;

    @Mixin
    FilterCommand.Connection connection;

    @Option(names = "--owner", required = true, description = "Who owns the filter: up to 64 of a-z, 0-9, '-' and "
            + "'_', starting with a letter or digit.")
    String owner;

    @Option(names = "--name", required = true, description = "Its name, unique per owner, following the same rule.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FilterCommand.ExpressionOptions expression;

    @Option(names = "--output", defaultValue = "record", paramLabel = "LEVEL",
            description = "What it writes per alert it passes: ids, record or full (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--quota-mb", defaultValue = "100", paramLabel = "MB",
            description = "Most it may write a UTC day, in MB of 10^6 bytes; beyond it matches are dropped until "
                    + "midnight (default: ${DEFAULT-VALUE}).")
    long quotaMb;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        FilterDefinition definition;
        try {
            definition = new FilterDefinition(owner, name, expression.read(), outputLevel(), quotaBytes());
        } catch (IOException e) {
            err.println("cannot read " + expression.source() + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        return connection.run(err, "add failed", client -> {
            String topic;
            try {
                topic = client.add(definition);
            } catch (ExpressionException e) {
                err.println("filter " + definition.key() + " refused, nothing registered: the expression of "
                        + expression.source() + " does not compile");
                err.println(e.getMessage());
                return 2;
            }
            spec.commandLine().getOut().printf("registered filter %s (output %s, quota %s a day): the alerts it "
                            + "passes go to topic %s%n", definition.key(), definition.outputLevel().jsonName(),
                    FilterListCommand.megabytes(definition.dailyQuotaBytes()), topic);
            return 0;
        });
    }

    private OutputLevel outputLevel() {
        try {
            return OutputLevel.parse(output);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--output: " + e.getMessage(), e);
        }
    }

    private long quotaBytes() {
        if (quotaMb <= 0 || quotaMb > Long.MAX_VALUE / BYTES_PER_MB) {
            throw new IllegalArgumentException("--quota-mb " + quotaMb + " is invalid: expected a positive number "
                    + "of MB");
        }
        return quotaMb * BYTES_PER_MB;
    }
}
