package uk.ac.lsst.pipeline.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.watchlist.WatchlistService;
import uk.ac.lsst.pipeline.watchlist.WatchlistSettings;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistFileException;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/** Uploads the demo's watch lists: the Lasair BL Lac example and a list built from sample alerts' positions. */
final class DemoWatchlists {
    private static final double DEFAULT_RADIUS_ARCSEC = 2.0;

    private DemoWatchlists() {
    }

    /** The list files of {@code dir} (if any); each list's id is its file name without extension. */
    static List<WatchlistDefinition> read(Path dir) throws IOException, WatchlistFileException {
        List<WatchlistDefinition> lists = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lists;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String file = f.getFileName().toString();
                if (!file.endsWith(".csv") && !file.endsWith(".txt")) {
                    continue;
                }
                String id = file.substring(0, file.lastIndexOf('.')).replace('_', '-');
                lists.add(new WatchlistDefinition(id, id, "demo", DEFAULT_RADIUS_ARCSEC,
                        WatchlistParser.parse(f, WatchlistParser.Format.AUTO, DEFAULT_RADIUS_ARCSEC)));
            }
        }
        return lists;
    }

    static void upload(WatchlistSettings settings, Path dir, PrintStream out) throws Exception {
        List<WatchlistDefinition> lists = read(dir);
        try (WatchlistClient client = WatchlistService.client(settings)) {
            client.uploadAll(lists);
        }
        for (WatchlistDefinition list : lists) {
            out.printf("  watch list %-32s %5d sources%n", list.id(), list.sources().size());
        }
    }
}
