package uk.ac.lsst.pipeline.watchlist;

import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistKey;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistRecords;

/** Records of the watch-lists topic, in the order an upload writes them, for topology tests. */
record ListRecords(String key, byte[] value) {

    static List<ListRecords> sources(String list, long generation, List<WatchlistSource> sources) {
        List<ListRecords> records = new ArrayList<>();
        for (WatchlistSource s : sources) {
            records.add(new ListRecords(new WatchlistKey.Source(list, generation, s.name()).toString(),
                    WatchlistRecords.value(s)));
        }
        return records;
    }

    static ListRecords metadata(String list, String name, long generation, int count) {
        return new ListRecords(list, WatchlistRecords.value(new WatchlistInfo(list, name, "tests", 5, generation, count,
                0)));
    }

    /** Sources then metadata: a whole upload (without tombstones of an older generation). */
    static List<ListRecords> upload(String list, String name, long generation, List<WatchlistSource> sources) {
        List<ListRecords> records = new ArrayList<>(sources(list, generation, sources));
        records.add(metadata(list, name, generation, sources.size()));
        return records;
    }

    static ListRecords tombstone(String key) {
        return new ListRecords(key, null);
    }
}
