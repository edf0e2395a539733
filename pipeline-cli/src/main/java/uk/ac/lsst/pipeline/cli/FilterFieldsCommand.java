package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.filter.schema.SchemaTable;

/** {@code pipeline filter fields}: what an expression can use, from the one declaration of the annotated record. */
@Command(name = "fields", aliases = "schema", mixinStandardHelpOptions = true,
        description = {"List the fields of the annotated record that a filter expression can use: the name to "
                + "write (a dotted path; [] marks an element of a list), the type, the value a filter sees when "
                + "the record lacks it, and the meaning with its unit.",
                "The photometry history, last, travels in output level full but is not visible to filters."})
public final class FilterFieldsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "A Markdown table, for documentation.")
    boolean markdown;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        if (markdown) {
            out.print(SchemaTable.markdown());
            out.flush();
            return;
        }
        List<SchemaTable.Row> rows = SchemaTable.rows();
        int path = width(rows.stream().map(SchemaTable.Row::path).toList(), "FIELD");
        int type = width(rows.stream().map(SchemaTable.Row::type).toList(), "TYPE");
        int missing = width(rows.stream().map(SchemaTable.Row::whenMissing).toList(), "WHEN MISSING");
        String format = "%-" + path + "s  %-" + type + "s  %-" + missing + "s  %s%n";
        out.printf(format, "FIELD", "TYPE", "WHEN MISSING", "MEANING");
        for (SchemaTable.Row row : rows) {
            out.printf(format, row.path(), row.type(), row.whenMissing(), row.description());
        }
        out.println();
        out.println("Top-level fields are the variables of an expression, e.g. classification == \"SN\" && "
                + "features.r.nDetections >= 2.");
        out.flush();
    }

    private static int width(List<String> values, String heading) {
        return Math.max(heading.length(), values.stream().mapToInt(String::length).max().orElse(0));
    }
}
