package uk.ac.lsst.pipeline.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.bench.report.Percentiles;
import uk.ac.lsst.pipeline.bench.report.SeriesPoint;
import uk.ac.lsst.pipeline.bench.report.StageResult;

class RunAnalysisTest {

    /** Three alerts appended upstream at 1000, 1100 and 2500 ms, in the ingest buffer 40 ms later. */
    private static TopicRecords alerts() {
        TopicRecords alerts = new TopicRecords("alerts");
        alerts.add(1040, 100, 1, 1000);
        alerts.add(1140, 100, 2, 1100);
        alerts.add(2540, 100, 3, 2500);
        return alerts;
    }

    @Test
    void shouldTimeIngestFromTheUpstreamHeader() {
        RunAnalysis analysis = new RunAnalysis(alerts());
        StageResult ingest = analysis.ingest("buffer-ingest", 3, new StageWindow(1000, 3000), 0.5);
        assertThat(ingest.latency()).isEqualTo(new Percentiles(3, 40, 40, 40, 40));
        assertThat(ingest.alertsPerSecondIn()).isEqualTo(1.5);
        assertThat(ingest.bytesOut()).isEqualTo(300);
        assertThat(ingest.cpuCores()).isEqualTo(0.25);
    }

    @Test
    void shouldTimeOutputsByAlertIdWhenTheyCarryNoUpstreamTime() {
        RunAnalysis analysis = new RunAnalysis(alerts());
        TopicRecords hits = new TopicRecords("hits");
        hits.add(1300, 10, 2, -1);
        hits.add(2600, 10, 99, -1);
        TopicRecords compact = new TopicRecords("alerts-compact");
        compact.add(1100, 7, 1, 1000);
        compact.add(1200, 8, 2, 1100);
        StageResult watchlist = analysis.downstream("watchlist-service", 3, compact, hits,
                new StageWindow(1040, 3040), 0);
        assertThat(watchlist.latency()).isEqualTo(new Percentiles(1, 200, 200, 200, 200));
        assertThat(watchlist.bytesIn()).as("the bytes of the topic it read").isEqualTo(15);
        assertThat(watchlist.latencyUnknown()).isEqualTo(1);
        assertThat(watchlist.recordsOut()).isEqualTo(2);
    }

    @Test
    void shouldBinOutputsAndReadsBySecondFromTheFirstUpstreamAppend() {
        RunAnalysis analysis = new RunAnalysis(alerts());
        List<SeriesPoint> series = analysis.series(alerts(), List.of(new long[] {900, 0}, new long[] {1500, 2},
                new long[] {2600, 3}));
        assertThat(series).containsExactly(new SeriesPoint(0, 2, 2, 40, 40), new SeriesPoint(1, 1, 1, 40, 40));
    }
}
