package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.stage.JsonSerde;

/** {@code pipeline filter list}: the registered filters. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the registered filters: owner, name, output level, daily quota, topic and expression.")
public final class FilterListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FilterCommand.Connection connection;

    @Option(names = "--json", description = "One JSON object per filter instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        return connection.run(spec.commandLine().getErr(), "cannot read the filters", client -> {
            if (json) {
                for (FilterDefinition filter : client.list()) {
                    out.println(JsonSerde.mapper().writeValueAsString(asJson(filter)));
                }
                return 0;
            }
            out.printf("%-16s %-24s %-7s %10s  %-40s %s%n", "OWNER", "NAME", "OUTPUT", "QUOTA/DAY", "TOPIC",
                    "EXPRESSION");
            for (FilterDefinition f : client.list()) {
                out.printf("%-16s %-24s %-7s %10s  %-40s %s%n", f.owner(), f.name(), f.outputLevel().jsonName(),
                        megabytes(f.dailyQuotaBytes()), f.topic(), f.expression().strip().replaceAll("\\s+", " "));
            }
            return 0;
        });
    }

    /** A filter as {@code list --json} and {@code show} print it: its record in the filters topic and its topic. */
    static Map<String, Object> asJson(FilterDefinition filter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("owner", filter.owner());
        json.put("name", filter.name());
        json.put("expression", filter.expression());
        json.put("outputLevel", filter.outputLevel().jsonName());
        json.put("dailyQuotaBytes", filter.dailyQuotaBytes());
        json.put("topic", filter.topic());
        return json;
    }

    /** A daily quota in MB (10^6 bytes): "100 MB", "0.25 MB". */
    static String megabytes(long bytes) {
        if (bytes % 1_000_000L == 0) {
            return bytes / 1_000_000L + " MB";
        }
        return String.format(Locale.ROOT, "%s MB", java.math.BigDecimal.valueOf(bytes, 6).stripTrailingZeros()
                .toPlainString());
    }
}
