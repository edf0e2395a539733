package uk.ac.lsst.pipeline.watchlist.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;

class WatchlistMetricsTest {

    @Test
    void shouldExposeHitsListsConesRebuildsAndLatencyPercentilesToPrometheus() {
        StageMetrics stage = StageMetrics.prometheus("watchlist-service");
        WatchlistMetrics metrics = new WatchlistMetrics(stage);
        WatchlistIndex index = WatchlistIndex.build(List.of(ActiveWatchlist.of(new WatchlistInfo("l", "L", "", 2, 1, 2,
                0), List.of(new WatchlistSource("a", 1, 2, 3), new WatchlistSource("b", 3, 4, 5)))), 1);
        metrics.indexed(index, 2_000_000);
        for (int i = 1; i <= 100; i++) {
            metrics.hits(1, i);
        }
        metrics.rejectedRecord();

        String text = stage.scrape();
        assertThat(text)
                .contains("pipeline_watchlist_hits_total{stage=\"watchlist-service\"} 100.0")
                .contains("pipeline_watchlist_lists{stage=\"watchlist-service\"} 1.0")
                .contains("pipeline_watchlist_cones{stage=\"watchlist-service\"} 2.0")
                .contains("pipeline_watchlist_index_rebuild_seconds_count{stage=\"watchlist-service\"} 1")
                .contains("pipeline_watchlist_match_latency_seconds_count{stage=\"watchlist-service\"} 100")
                .contains("pipeline_watchlist_match_latency_seconds{stage=\"watchlist-service\",quantile=\"0.99\"}")
                .contains("pipeline_watchlist_records_rejected_total{stage=\"watchlist-service\"} 1.0");
        assertThat(metrics.latency().takeSnapshot().percentileValues()).hasSize(4);
    }
}
