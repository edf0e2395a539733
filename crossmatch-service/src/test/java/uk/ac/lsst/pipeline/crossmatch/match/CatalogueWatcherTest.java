package uk.ac.lsst.pipeline.crossmatch.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;

class CatalogueWatcherTest {
    @TempDir
    Path dir;

    private final CatalogueLoader loader = new CatalogueLoader(Duration.ofSeconds(5));
    private final List<String> reloads = new CopyOnWriteArrayList<>();

    private Path catalogue(String... rows) throws IOException {
        Path file = dir.resolve("cat.csv");
        replace(file, rows);
        return file;
    }

    /** Writes aside, then renames over the file, as the documentation recommends; bumps the time to be sure. */
    private void replace(Path file, String... rows) throws IOException {
        Path aside = dir.resolve("cat.csv.tmp");
        Files.writeString(aside, "id,ra,dec,class\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
        FileTime previous = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        Files.setLastModifiedTime(aside, FileTime.fromMillis(Math.max(System.currentTimeMillis(),
                previous.toMillis() + 1000)));
        Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private LiveCatalogues live(Path file) {
        CatalogueSpec spec = CatalogueSpec.of("cat", file).withIdColumns("id").withTypeColumn("class");
        return new LiveCatalogues(List.of(IndexedCatalogue.of(loader.load(spec))));
    }

    private CatalogueWatcher watcher(LiveCatalogues live) {
        return new CatalogueWatcher(live, loader, Duration.ofMillis(50),
                (name, ok) -> reloads.add(name + (ok ? ":ok" : ":failed")), () -> false).start();
    }

    @Test
    void shouldSwapInAChangedFileWhileMatchingGoesOnWithoutFailures() throws Exception {
        Path file = catalogue("s1,10.0,10.0,STAR");
        LiveCatalogues live = live(file);
        CrossMatcher matcher = new CrossMatcher(live, ClassificationRules.DEFAULTS);
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> regressions = new ConcurrentLinkedQueue<>();
        AtomicLong matches = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread thread = new Thread(() -> {
                boolean sawNew = false;
                while (running.get()) {
                    try {
                        MatchOutcome o = matcher.match(10.0, 10.0);
                        ContextClass c = o.classification();
                        if (c == ContextClass.NT) {
                            sawNew = true;
                            if (o.matches().size() != 1 || !o.matches().get(0).sourceId().equals("g1")) {
                                regressions.add("new catalogue but " + o.matches());
                            }
                        } else if (c != ContextClass.VS || sawNew) {
                            regressions.add(c + (sawNew ? " after the new catalogue was seen" : ""));
                        }
                        matches.incrementAndGet();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }
            }, "matcher-" + t);
            thread.start();
            threads.add(thread);
        }
        CatalogueWatcher watcher = watcher(live);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> matches.get() > 1000);
            long before = matches.get();

            replace(file, "g1,10.0,10.0,GALAXY", "g2,50.0,50.0,GALAXY");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> matcher.match(10.0, 10.0).classification() == ContextClass.NT);
            await().atMost(Duration.ofSeconds(5)).until(() -> matches.get() > before + 1000);
        } finally {
            watcher.close();
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
        }
        assertThat(errors).isEmpty();
        assertThat(regressions).isEmpty();
        assertThat(reloads).containsExactly("cat:ok");
        assertThat(live.get("cat").catalogue().size()).isEqualTo(2);
        assertThat(matcher.match(50.0, 50.0).matches()).extracting(SourceMatch::sourceId).containsExactly("g2");
    }

    @Test
    void shouldKeepThePreviousCatalogueWhenTheNewFileIsBadAndTakeTheNextGoodOne() throws Exception {
        Path file = catalogue("s1,10.0,10.0,STAR");
        LiveCatalogues live = live(file);
        CrossMatcher matcher = new CrossMatcher(live, ClassificationRules.DEFAULTS);
        CatalogueWatcher watcher = watcher(live);
        try {
            Path aside = dir.resolve("bad.tmp");
            Files.writeString(aside, "name,x,y\nq,1,2\n");
            Files.setLastModifiedTime(aside, FileTime.fromMillis(System.currentTimeMillis() + 2000));
            Files.move(aside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofSeconds(30)).until(() -> reloads.contains("cat:failed"));
            assertThat(matcher.match(10.0, 10.0).classification()).isEqualTo(ContextClass.VS);

            replace(file, "q1,10.0,10.0,QSO");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> matcher.match(10.0, 10.0).classification() == ContextClass.AGN);
        } finally {
            watcher.close();
        }
        assertThat(reloads).containsExactly("cat:failed", "cat:ok");
    }

    @Test
    void shouldWaitUntilAChangedFileStopsChangingBeforeReadingIt() throws Exception {
        Path file = catalogue("s1,10.0,10.0,STAR");
        LiveCatalogues live = live(file);
        CatalogueWatcher watcher = new CatalogueWatcher(live, loader, Duration.ofSeconds(1),
                (name, ok) -> reloads.add(name + (ok ? ":ok" : ":failed")), () -> false);

        Files.writeString(file, "id,ra,dec,class\ng1,10.0,10.0,GAL", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        watcher.poll();
        assertThat(reloads).isEmpty();
        Files.writeString(file, "id,ra,dec,class\ng1,10.0,10.0,GALAXY\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 6000));
        watcher.poll();
        assertThat(reloads).isEmpty();
        watcher.poll();

        assertThat(reloads).containsExactly("cat:ok");
        assertThat(live.get("cat").catalogue().type(0)).isEqualTo("GALAXY");
        watcher.close();
    }
}
