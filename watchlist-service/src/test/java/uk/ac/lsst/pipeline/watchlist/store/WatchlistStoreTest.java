package uk.ac.lsst.pipeline.watchlist.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistKey;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistRecords;

class WatchlistStoreTest {
    private final WatchlistMetrics metrics = new WatchlistMetrics(
            new StageMetrics(new SimpleMeterRegistry(), "watchlist-service"));
    private final WatchlistStore store = new WatchlistStore(WatchlistStore.NAME, Duration.ofMillis(50),
            Duration.ofMillis(500), metrics);

    @AfterEach
    void close() {
        store.close();
    }

    private void init() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    /** An upload of list {@code id} with {@code size} sources, all named {@code prefix-i}. */
    private void upload(String id, long generation, String prefix, int size) {
        for (int i = 0; i < size; i++) {
            WatchlistSource s = new WatchlistSource(prefix + "-" + i, (i * 0.37) % 360, -80 + (i % 160), 3);
            store.apply(new WatchlistKey.Source(id, generation, s.name()).toString(), WatchlistRecords.value(s));
        }
        store.apply(id, WatchlistRecords.value(new WatchlistInfo(id, id, "", 3, generation, size, 0)));
    }

    @Test
    void shouldCoalesceABurstOfChangesIntoFewRebuildsAndEndWithEveryList() {
        init();
        for (int l = 0; l < 300; l++) {
            upload("list-" + l, 1, "s", 20);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> store.index().listCount() == 300);
        assertThat(store.index().coneCount()).isEqualTo(300 * 20);
        assertThat(metrics.rebuild().count()).as("rebuilds for 300 changes").isBetween(1L, 30L);
        assertThat(metrics.lists()).isEqualTo(300);
        assertThat(metrics.cones()).isEqualTo(6000);
    }

    @Test
    void shouldNeverShowReadersHalfAReplacedList() throws Exception {
        init();
        upload("L", 1, "old", 500);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.index().coneCount() == 500);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> mixed = new AtomicReference<>();
        List<Integer> sizesSeen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                WatchlistIndex index = store.index();
                ActiveWatchlist list = index.lists().get(0);
                String first = list.name(0).split("-")[0];
                for (int i = 0; i < list.size(); i++) {
                    if (!list.name(i).startsWith(first + "-")) {
                        mixed.set(list.name(0) + " with " + list.name(i));
                    }
                }
                synchronized (sizesSeen) {
                    if (!sizesSeen.contains(list.size())) {
                        sizesSeen.add(list.size());
                    }
                }
            }
        });
        reader.start();
        for (int g = 2; g <= 20; g++) {
            upload("L", g, "gen" + g, g % 2 == 0 ? 700 : 300);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.index().lists().get(0).info().generation() == 20);
        stop.set(true);
        reader.join();

        assertThat(mixed.get()).isNull();
        synchronized (sizesSeen) {
            assertThat(sizesSeen).isSubsetOf(500, 700, 300);
        }
    }

    @Test
    void shouldRebuildSynchronouslyWhenAskedAfterTheTopicWasRead() {
        init();
        upload("L", 1, "s", 10);
        store.refreshNow();
        assertThat(store.index().coneCount()).isEqualTo(10);
        assertThat(store.activeLists()).hasSize(1);
        assertThat(store.persistent()).isFalse();
        assertThat(store.isOpen()).isTrue();
        store.close();
        assertThat(store.isOpen()).isFalse();
    }
}
