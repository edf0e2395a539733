package uk.ac.lsst.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.text.Counts;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistFileException;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistWriteException;

/** {@code pipeline watchlist upload}: upload a list from a file, or replace it whole. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload a watch list from a file, or replace the list with that id as a whole.",
                "Formats: CSV with a header line ra,dec,name[,radius_arcsec]; or Lasair's RA|Dec|name[|radius] "
                        + "lines. Decimal degrees (ICRS), radii in arcsec; '#' starts a comment line.",
                "A file with any bad line is rejected whole, listing every bad line; nothing is uploaded."})
public final class WatchlistUploadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WatchlistCommand.Connection connection;

    @Option(names = "--id", required = true, description = "List id: letters, digits, '.', '_', '-' (max 64).")
    String id;

    @Option(names = "--name", required = true, description = "List name.")
    String name;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The list file.")
    Path file;

    @Option(names = "--radius-arcsec", defaultValue = "5", paramLabel = "R",
            description = "Radius of sources without one, arcsec, up to 3600 (default: ${DEFAULT-VALUE}).")
    double radiusArcsec;

    @Option(names = "--owner", defaultValue = "", description = "Owner of the list.")
    String owner;

    @Option(names = "--format", defaultValue = "AUTO", paramLabel = "FORMAT",
            description = "AUTO, CSV or LASAIR (default: ${DEFAULT-VALUE}: LASAIR if the first line has '|').")
    WatchlistParser.Format format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        WatchlistDefinition list;
        try {
            List<WatchlistSource> sources = WatchlistParser.parse(file, format, radiusArcsec);
            list = new WatchlistDefinition(id, name, owner, radiusArcsec, sources).validate();
        } catch (WatchlistFileException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try (WatchlistClient client = connection.client()) {
            WatchlistClient.UploadResult result = client.upload(list);
            spec.commandLine().getOut().printf("uploaded watch list %s (%s): %s, generation %d%s%n", id, name,
                    Counts.of(result.info().sourceCount(), "source"), result.info().generation(),
                    result.removedRecords() == 0 ? "" : ", replacing " + Counts.of(result.removedRecords(),
                            "old record"));
            return 0;
        } catch (WatchlistWriteException | KafkaException | IllegalStateException e) {
            err.println("upload failed: " + e.getMessage());
            return 1;
        }
    }
}
