package uk.ac.lsst.pipeline.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.watchlist.WatchlistStage;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistFileException;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * The sample watch lists of a samples directory (the Lasair BL Lac example and a list built from sample alerts'
 * positions), as the demo and the bench upload them.
 */
public final class SampleWatchlists {
    private static final double DEFAULT_RADIUS_ARCSEC = 2.0;

    private SampleWatchlists() {
    }

    /**
     * The list files of {@code dir} (if any); each list's id is its file name without extension.
     *
     * @param owner the owner the lists are uploaded as
     */
    public static List<WatchlistDefinition> read(Path dir, String owner) throws IOException, WatchlistFileException {
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
                lists.add(new WatchlistDefinition(id, id, owner, DEFAULT_RADIUS_ARCSEC,
                        WatchlistParser.parse(f, WatchlistParser.Format.AUTO, DEFAULT_RADIUS_ARCSEC)));
            }
        }
        return lists;
    }

    /**
     * Uploads the lists of {@code dir} into {@code topic} of the buffer these client properties connect to, printing
     * one line per list to {@code out}.
     */
    public static void upload(Map<String, Object> clientProperties, String topic, Path dir, String owner,
                              PrintStream out) throws Exception {
        List<WatchlistDefinition> lists = read(dir, owner);
        try (WatchlistClient client = new WatchlistClient(clientProperties, topic)) {
            client.uploadAll(lists);
        }
        for (WatchlistDefinition list : lists) {
            out.printf("  watch list %-32s %5d sources%n", list.id(), list.sources().size());
        }
    }

    /**
     * Uploads the lists of {@code dir} into the watch-lists topic of every watchlist-service stage of a pipeline
     * (its topics applied), connecting as the file says with secrets from {@code vars}.
     */
    public static void uploadTo(PipelineSpec spec, Map<String, String> vars, Path dir, String owner, PrintStream out)
            throws Exception {
        for (StageSpec s : spec.stages().values()) {
            String topic = s.input().topics().get("watchlists");
            if (s.type().equals(WatchlistStage.KIND.id()) && topic != null) {
                upload(StageEnvironment.bufferSettings(spec.buffer(s.input().buffer()), vars).clientProperties(),
                        topic, dir, owner, out);
            }
        }
    }
}
