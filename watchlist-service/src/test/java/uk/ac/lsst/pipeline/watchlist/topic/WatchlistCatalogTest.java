package uk.ac.lsst.pipeline.watchlist.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

class WatchlistCatalogTest {
    private final WatchlistCatalog catalog = new WatchlistCatalog();

    /** One record of the topic. */
    record Rec(String key, byte[] value) {
    }

    static Rec source(String list, long generation, WatchlistSource s) {
        return new Rec(new WatchlistKey.Source(list, generation, s.name()).toString(), WatchlistRecords.value(s));
    }

    static Rec meta(String list, long generation, int count) {
        return new Rec(list, WatchlistRecords.value(new WatchlistInfo(list, "List " + list, "me", 5, generation, count,
                1_000L * generation)));
    }

    static Rec tombstone(String key) {
        return new Rec(key, null);
    }

    static List<WatchlistSource> sources(String prefix, int n) {
        List<WatchlistSource> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new WatchlistSource(prefix + i, 10 + i, -5 - i, 2));
        }
        return list;
    }

    /** The records an upload writes: sources, metadata, tombstones of the previous generation. */
    static List<Rec> upload(String list, long generation, List<WatchlistSource> sources, List<WatchlistSource> old) {
        List<Rec> recs = new ArrayList<>();
        sources.forEach(s -> recs.add(source(list, generation, s)));
        recs.add(meta(list, generation, sources.size()));
        old.forEach(s -> recs.add(tombstone(new WatchlistKey.Source(list, generation - 1, s.name()).toString())));
        return recs;
    }

    private boolean apply(Rec r) {
        return catalog.apply(r.key(), r.value());
    }

    private List<String> activeNames(String list) {
        return catalog.active(list).map(ActiveWatchlist::sources).orElse(List.of()).stream()
                .map(WatchlistSource::name).toList();
    }

    @Test
    void shouldActivateAListOnlyOnceItsMetadataAndEverySourceArrived() {
        List<WatchlistSource> s = sources("a", 3);
        assertThat(apply(source("L", 1, s.get(0)))).isFalse();
        assertThat(apply(meta("L", 1, 3))).isFalse();
        assertThat(apply(source("L", 1, s.get(1)))).isFalse();
        assertThat(catalog.active()).isEmpty();

        assertThat(apply(source("L", 1, s.get(2)))).isTrue();

        assertThat(activeNames("L")).containsExactly("a0", "a1", "a2");
        assertThat(catalog.active("L").orElseThrow().info().generation()).isEqualTo(1);
    }

    @Test
    void shouldSwapAReplacedListWholeAndOnlyAtItsLastRecord() {
        upload("L", 1, sources("a", 2), List.of()).forEach(this::apply);
        List<Rec> second = upload("L", 2, sources("b", 3), sources("a", 2));
        long versionBefore = catalog.version();
        for (Rec r : second.subList(0, 3)) {
            apply(r);
            assertThat(activeNames("L")).containsExactly("a0", "a1");
        }
        assertThat(catalog.version()).isEqualTo(versionBefore);

        assertThat(apply(second.get(3))).isTrue(); // the metadata record of generation 2
        assertThat(activeNames("L")).containsExactly("b0", "b1", "b2");

        second.subList(4, second.size()).forEach(r -> assertThat(apply(r)).isFalse());
        assertThat(activeNames("L")).containsExactly("b0", "b1", "b2");
        assertThat(catalog.sourceKeys("L", 2)).isEmpty();
    }

    @Test
    void shouldKeepTheOldGenerationWhileTheNewOneIsIncompleteEvenIfItsMetadataCameFirst() {
        upload("L", 1, sources("a", 1), List.of()).forEach(this::apply);
        apply(meta("L", 2, 2));
        apply(source("L", 2, new WatchlistSource("b0", 1, 1, 1)));
        assertThat(activeNames("L")).containsExactly("a0");

        apply(source("L", 2, new WatchlistSource("b1", 1, 1, 1)));
        assertThat(activeNames("L")).containsExactly("b0", "b1");
    }

    @Test
    void shouldDeleteAListAtItsMetadataTombstone() {
        upload("L", 1, sources("a", 2), List.of()).forEach(this::apply);
        upload("M", 1, sources("m", 1), List.of()).forEach(this::apply);

        assertThat(apply(tombstone("L"))).isTrue();

        assertThat(catalog.active()).extracting(ActiveWatchlist::id).containsExactly("M");
        assertThat(apply(tombstone("L/1/a0"))).isFalse();
        assertThat(apply(tombstone("L/1/a1"))).isFalse();
        assertThat(catalog.info("L")).isEmpty();
        assertThat(catalog.maxGeneration("L")).isZero();
    }

    @Test
    void shouldIgnoreAnUnfinishedUploadAndOfferItsRecordsForRemoval() {
        upload("L", 1, sources("a", 1), List.of()).forEach(this::apply);
        apply(source("L", 2, new WatchlistSource("orphan", 1, 1, 1)));

        assertThat(activeNames("L")).containsExactly("a0");
        assertThat(catalog.maxGeneration("L")).isEqualTo(2);
        assertThat(catalog.sourceKeys("L", 3)).extracting(Object::toString).containsExactlyInAnyOrder("L/1/a0",
                "L/2/orphan");
    }

    @Test
    void shouldApplyARenameThatKeepsTheGeneration() {
        upload("L", 1, sources("a", 1), List.of()).forEach(this::apply);
        assertThat(catalog.apply("L", WatchlistRecords.value(new WatchlistInfo("L", "renamed", "", 5, 1, 1, 9))))
                .isTrue();
        assertThat(catalog.active("L").orElseThrow().info().name()).isEqualTo("renamed");
        assertThat(activeNames("L")).containsExactly("a0");
    }

    @Test
    void shouldRejectUnreadableRecordsWithoutChangingAnything() {
        upload("L", 1, sources("a", 1), List.of()).forEach(this::apply);
        long version = catalog.version();
        byte[] junk = "{not json".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> catalog.apply("L", junk)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.apply(null, junk)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.apply("bad key!", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> catalog.apply("L/x/name", null)).hasMessageContaining("generation is not a number");
        assertThatThrownBy(() -> catalog.apply("L/2/a", WatchlistRecords.value(new WatchlistSource("b", 1, 1, 1))))
                .hasMessageContaining("is named 'b'");
        assertThatThrownBy(() -> catalog.apply("L/2/a", WatchlistRecords.value(new WatchlistSource("a", 400, 1, 1))))
                .hasMessageContaining("RA 400.0 is outside");
        assertThatThrownBy(() -> catalog.apply("M", WatchlistRecords.value(new WatchlistInfo("L", "", "", 1, 1, 1, 1))))
                .hasMessageContaining("names list 'L'");

        assertThat(catalog.version()).isEqualTo(version);
        assertThat(activeNames("L")).containsExactly("a0");
    }

    @Test
    void shouldKeepSourceNamesWithSlashesWhole() {
        WatchlistSource s = new WatchlistSource("2MASS J0000+00/b", 1, 2, 3);
        apply(source("L", 7, s));
        apply(meta("L", 7, 1));
        assertThat(activeNames("L")).containsExactly("2MASS J0000+00/b");
    }

    @Test
    void shouldEndInTheSameStateWhateverTheOrderOfSourcesAcrossPartitions() {
        List<Rec> history = new ArrayList<>();
        history.addAll(upload("L", 1, sources("a", 20), List.of()));
        history.addAll(upload("L", 2, sources("b", 30), sources("a", 20)));
        history.addAll(upload("M", 1, sources("m", 5), List.of()));
        // Metadata records keep their order (one key, one partition); source records may come earlier or later.
        Random random = new Random(17);
        for (int trial = 0; trial < 50; trial++) {
            List<Rec> shuffled = new ArrayList<>(history);
            Collections.shuffle(shuffled, random);
            List<Rec> metas = history.stream().filter(r -> !r.key().contains("/")).toList();
            int m = 0;
            for (int i = 0; i < shuffled.size(); i++) {
                if (!shuffled.get(i).key().contains("/")) {
                    shuffled.set(i, metas.get(m++));
                }
            }
            WatchlistCatalog c = new WatchlistCatalog();
            shuffled.forEach(r -> c.apply(r.key(), r.value()));
            assertThat(c.active("L").map(l -> l.info().generation())).as("trial %d", trial).hasValue(2L);
            assertThat(c.active("L").orElseThrow().size()).isEqualTo(30);
            assertThat(c.active("M").orElseThrow().size()).isEqualTo(5);
        }
    }

    @Test
    void shouldReadBackEverySourceRecordExactlyAndSkipUnknownFields() {
        Random random = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            WatchlistSource s = new WatchlistSource("s" + i + " \"q\"/é", random.nextDouble() * 360,
                    random.nextDouble() * 180 - 90, random.nextDouble() * 3599 + 1);
            assertThat(WatchlistRecords.source(WatchlistRecords.value(s))).isEqualTo(s);
        }
        byte[] extra = "{\"x\":[1,{\"y\":2}],\"name\":\"a\",\"raDeg\":1,\"decDeg\":-2.5,\"radiusArcsec\":3e0}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(WatchlistRecords.source(extra)).isEqualTo(new WatchlistSource("a", 1, -2.5, 3));
        byte[] nullRadius = "{\"name\":\"a\",\"raDeg\":1,\"decDeg\":2,\"radiusArcsec\":null}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WatchlistRecords.source(nullRadius)).hasMessageContaining("radius NaN arcsec");
        assertThatThrownBy(() -> WatchlistRecords.source("[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
    }
}
