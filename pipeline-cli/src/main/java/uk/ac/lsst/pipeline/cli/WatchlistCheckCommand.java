package uk.ac.lsst.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.text.Counts;
import uk.ac.lsst.pipeline.watchlist.WatchlistCheck;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistFileException;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;

/**
 * {@code pipeline watchlist check}: the service's matching, offline, on files. Files that are not alerts and alerts
 * that cannot be matched are skipped and listed on stderr. Exit codes as {@link OfflineInput}'s: 0 when every file
 * was matched, 1 when some were skipped, 2 for bad options, a watch-list file that cannot be used or no alert file
 * at all.
 */
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
        OfflineInput input = new OfflineInput("watchlist check", err);
        WatchlistDefinition list;
        try {
            list = new WatchlistDefinition(id, name == null ? file.getFileName().toString() : name, "", radiusArcsec,
                    WatchlistParser.parse(file, format, radiusArcsec)).validate();
        } catch (WatchlistFileException | IllegalArgumentException e) {
            input.error(e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        } catch (IOException e) {
            input.error("cannot read " + file + ": " + e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        }
        AlertDecoder decoder = new AlertDecoder(OfflineInput.schemas(spec, schemaDir), false, 64 * 1024 * 1024);
        Optional<AlertDiscovery> files = input.scan(alertDirs);
        if (files.isEmpty()) {
            return OfflineInput.EXIT_UNUSABLE;
        }
        WatchlistCheck.Summary summary = WatchlistCheck.run(WatchlistCheck.index(List.of(list)), files.get(),
                decoder, hit -> out.println(json(hit)));
        out.flush();
        summary.skipped().forEach(input::skipped);
        input.summary(err, OfflineInput.alerts(summary.alerts()) + " matched against "
                + Counts.of(list.sources().size(), "source") + " of " + file + ": " + Counts.of(summary.hits(), "hit")
                + ", " + OfflineInput.skippedCount(summary.skipped().size()));
        return OfflineInput.exitCode(summary.skipped().size());
    }

    private static String json(Object value) {
        try {
            return JsonSerde.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
