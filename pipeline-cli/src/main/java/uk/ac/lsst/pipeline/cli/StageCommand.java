package uk.ac.lsst.pipeline.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchMain;
import uk.ac.lsst.pipeline.ingest.IngestMain;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailMain;
import uk.ac.lsst.pipeline.watchlist.WatchlistMain;

/** {@code pipeline stage NAME}: runs one stage service in the foreground, configured by environment variables. */
@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {"Run one stage, configured by environment variables (see README.md), until SIGTERM.",
                "Stages: buffer-ingest, crossmatch-service, watchlist-service, thumbnail-service."})
public final class StageCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME",
            description = "The stage to run: buffer-ingest, crossmatch-service, watchlist-service, thumbnail-service.")
    String name;

    @Override
    public Integer call() {
        switch (name) {
            case "buffer-ingest" -> IngestMain.main(new String[0]);
            case "crossmatch-service" -> CrossmatchMain.main(new String[0]);
            case "watchlist-service" -> WatchlistMain.main(new String[0]);
            case "thumbnail-service" -> ThumbnailMain.main(new String[0]);
            default -> {
                System.err.println("unknown stage '" + name
                        + "': expected buffer-ingest, crossmatch-service, watchlist-service or thumbnail-service");
                return 2;
            }
        }
        return 0;
    }
}
