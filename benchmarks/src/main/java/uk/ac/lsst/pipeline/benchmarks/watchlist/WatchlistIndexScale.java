package uk.ac.lsst.pipeline.benchmarks.watchlist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistCatalog;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistKey;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistRecords;

/**
 * How long a watchlist-service instance takes, and how much heap it holds, to rebuild its lists and index from the
 * watch-lists topic: the records of {@code cones} sources over {@code lists} lists (as an upload writes them, JSON)
 * are applied to a {@link WatchlistCatalog} as the global store does at start-up, then the {@link WatchlistIndex} is
 * built. Run it in the heap it must fit:
 *
 * <pre>java -Xmx512m -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.watchlist.WatchlistIndexScale
 *      [cones=1000000] [lists=1000] [out=watchlist-index-scale.json]</pre>
 */
public final class WatchlistIndexScale {
    private WatchlistIndexScale() {
    }

    public static void main(String[] args) throws Exception {
        int cones = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int lists = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        Path out = Path.of(args.length > 2 ? args[2] : "watchlist-index-scale.json");
        int[] sizes = SyntheticWatchlists.sizes(cones, lists);
        WatchlistCatalog catalog = new WatchlistCatalog();
        long heapBefore = usedHeap();
        long applyNanos = 0;
        long records = 0;
        for (int l = 0; l < lists; l++) {
            WatchlistDefinition list = SyntheticWatchlists.list(11L, l, sizes[l]);
            // encode first (that is the topic's content), then time only what the service does: decode and apply
            String[] keys = new String[list.sources().size()];
            byte[][] values = new byte[keys.length][];
            for (int s = 0; s < keys.length; s++) {
                WatchlistSource source = list.sources().get(s);
                keys[s] = new WatchlistKey.Source(list.id(), 1, source.name()).toString();
                values[s] = WatchlistRecords.value(source);
            }
            byte[] info = WatchlistRecords.value(new WatchlistInfo(list.id(), list.name(), list.owner(),
                    list.defaultRadiusArcsec(), 1, keys.length, 0));
            long start = System.nanoTime();
            for (int s = 0; s < keys.length; s++) {
                catalog.apply(keys[s], values[s]);
            }
            catalog.apply(list.id(), info);
            applyNanos += System.nanoTime() - start;
            records += keys.length + 1;
        }
        long heapCatalog = usedHeap() - heapBefore;
        long start = System.nanoTime();
        WatchlistIndex index = WatchlistIndex.build(catalog.active(), catalog.version());
        long buildNanos = System.nanoTime() - start;
        long heapAll = usedHeap() - heapBefore;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cones", index.coneCount());
        result.put("lists", index.listCount());
        result.put("records", records);
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576);
        result.put("readRecordsSeconds", applyNanos / 1e9);
        result.put("indexBuildSeconds", buildNanos / 1e9);
        result.put("totalSeconds", (applyNanos + buildNanos) / 1e9);
        result.put("heapListsMiB", heapCatalog / 1048576.0);
        result.put("heapListsAndIndexMiB", heapAll / 1048576.0);
        String json = JsonSerde.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result);
        System.out.println(json);
        Files.writeString(out, json + "\n");
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
