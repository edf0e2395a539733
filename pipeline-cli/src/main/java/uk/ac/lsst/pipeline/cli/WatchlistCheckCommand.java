package uk.ac.lsst.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.AlertFileException;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.watchlist.WatchlistCheck;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistFileException;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;

/** {@code pipeline watchlist check}: the service's matching, offline, on files. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Match alert files against a watch-list file offline, with the service's matching, and print "
                + "each hit as a JSON line (the hit record of the watchlist-hits topic; appendedAtMs is null).",
                "A summary goes to stderr."})
public final class WatchlistCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The watch-list file.")
    Path file;

    @Option(names = "--alerts", required = true, paramLabel = "DIR",
            description = "Directory of alert files (Avro OCF or Confluent wire format), searched recursively; repeatable.")
    List<Path> alertDirs = new ArrayList<>();

    @Option(names = "--radius-arcsec", defaultValue = "5", paramLabel = "R",
            description = "Radius of sources without one, arcsec (default: ${DEFAULT-VALUE}).")
    double radiusArcsec;

    @Option(names = "--format", defaultValue = "AUTO", paramLabel = "FORMAT",
            description = "AUTO, CSV or LASAIR (default: ${DEFAULT-VALUE}).")
    WatchlistParser.Format format;

    @Option(names = "--id", defaultValue = "check", description = "List id in the hits (default: ${DEFAULT-VALUE}).")
    String id;

    @Option(names = "--name", description = "List name in the hits (default: the file name).")
    String name;

    @Option(names = "--schema-dir", paramLabel = "DIR",
            description = "Directory of Rubin .avsc schemas, for Confluent wire-format alert files.")
    Path schemaDir;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        WatchlistDefinition list;
        try {
            list = new WatchlistDefinition(id, name == null ? file.getFileName().toString() : name, "", radiusArcsec,
                    WatchlistParser.parse(file, format, radiusArcsec)).validate();
        } catch (WatchlistFileException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        AlertDecoder decoder = new AlertDecoder(schemaDir == null ? SchemaSources.none()
                : new SchemaDirectory(schemaDir), false, 64 * 1024 * 1024);
        WatchlistCheck.Summary summary;
        try {
            summary = WatchlistCheck.run(WatchlistCheck.index(List.of(list)), AlertFiles.discover(alertDirs), decoder,
                    hit -> out.println(json(hit)));
        } catch (AlertFileException e) {
            err.println(e.getMessage());
            return 2;
        }
        out.flush();
        summary.skipped().forEach(s -> err.println("skipped " + s));
        err.printf("%d alerts matched against %d sources of %s: %d hits, %d skipped%n", summary.alerts(),
                list.sources().size(), file, summary.hits(), summary.skipped().size());
        return 0;
    }

    private static String json(Object value) {
        try {
            return JsonSerde.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
