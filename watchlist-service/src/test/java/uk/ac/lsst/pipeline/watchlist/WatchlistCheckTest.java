package uk.ac.lsst.pipeline.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;

/** The offline matching behind {@code pipeline watchlist check}, on the repository's sample lists and alerts. */
class WatchlistCheckTest {
    private static final Path SAMPLES = Path.of("").toAbsolutePath().getParent().resolve("samples");

    @Test
    void shouldHitEveryDemoSourceThatWasBuiltFromASampleAlert() throws Exception {
        WatchlistDefinition demo = new WatchlistDefinition("demo", "Demo", "", 5, WatchlistParser.parse(
                SAMPLES.resolve("watchlists/demo_sample_alerts.csv"), WatchlistParser.Format.AUTO, 5));
        List<WatchlistHit> hits = new ArrayList<>();

        WatchlistCheck.Summary summary = WatchlistCheck.run(WatchlistCheck.index(List.of(demo)),
                AlertFiles.scan(List.of(SAMPLES.resolve("alerts"))), TestAlerts.DECODER, hits::add);

        assertThat(demo.sources()).hasSize(14);
        assertThat(summary.alerts()).isEqualTo(54);
        assertThat(summary.skipped()).isEmpty();
        assertThat(summary.hits()).isEqualTo(13).isEqualTo(hits.size());
        assertThat(hits).allSatisfy(h -> {
            assertThat(h.sourceName()).endsWith(h.objectId());
            assertThat(h.separationArcsec()).isLessThan(0.05);
            assertThat(h.appendedAtMs()).isNull();
        });
        assertThat(hits).extracting(WatchlistHit::survey).contains("ZTF", "RUBIN");
    }

    @Test
    void shouldShipTheLasairSampleListByteForByte() throws Exception {
        assertThat(Files.readAllBytes(SAMPLES.resolve("watchlists/lasair_BLLac_Massaro2013.txt")))
                .isEqualTo(SharedData.bytes("watchlists/lasair_BLLac_Massaro2013.txt"));
    }
}
