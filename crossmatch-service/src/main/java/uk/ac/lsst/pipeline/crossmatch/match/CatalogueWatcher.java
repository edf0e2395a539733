package uk.ac.lsst.pipeline.crossmatch.match;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.catalogue.FileStamp;

/**
 * Reloads catalogue files that change on disk, in the background: one thread polls each file's size and
 * modification time every {@code interval}; once a changed file has stayed the same for one more interval (so a
 * file still being written is not read half-way), it is loaded and indexed aside and swapped into the
 * {@link LiveCatalogues} at once. Matching goes on against the old catalogue meanwhile and never waits; memory
 * briefly holds both. A reload that fails (e.g. a malformed file) is logged and counted, the old catalogue stays,
 * and that version of the file is not tried again. Replace files atomically (write aside, then rename) where
 * possible. Thread-safe; {@link #close} is idempotent.
 */
public final class CatalogueWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CatalogueWatcher.class);

    /** Told of every reload. */
    @FunctionalInterface
    public interface Listener {
        void reloaded(String catalogue, boolean ok);
    }

    private final LiveCatalogues live;
    private final List<CatalogueSpec> specs;
    private final CatalogueLoader loader;
    private final Duration interval;
    private final Listener listener;
    private final BooleanSupplier stopWhen;
    private final Map<String, FileStamp> pending = new HashMap<>();
    private final Map<String, FileStamp> failed = new HashMap<>();
    private final ScheduledExecutorService scheduler;

    /**
     * @param stopWhen checked at every poll; when true the watcher stops itself (e.g. the stage has terminated)
     */
    public CatalogueWatcher(LiveCatalogues live, CatalogueLoader loader, Duration interval, Listener listener,
                            BooleanSupplier stopWhen) {
        this.live = live;
        this.specs = live.current().stream().map(c -> c.catalogue().spec()).filter(CatalogueSpec::reload).toList();
        this.loader = loader;
        this.interval = interval;
        this.listener = listener;
        this.stopWhen = stopWhen;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalogue-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling; does nothing when no catalogue is to be reloaded or the interval is zero. */
    public CatalogueWatcher start() {
        if (specs.isEmpty() || interval.isZero()) {
            log.info("catalogue reloading is off");
            return this;
        }
        long ms = Math.max(1, interval.toMillis());
        scheduler.scheduleWithFixedDelay(this::pollSafely, ms, ms, TimeUnit.MILLISECONDS);
        log.info("watching {} catalogue file(s) for changes every {}", specs.size(), interval);
        return this;
    }

    private void pollSafely() {
        try {
            if (stopWhen.getAsBoolean()) {
                scheduler.shutdown();
                return;
            }
            poll();
        } catch (RuntimeException e) {
            log.error("catalogue watcher: {}", e.toString(), e);
        }
    }

    /** One round of checks (package-visible for tests that drive it by hand). */
    void poll() {
        for (CatalogueSpec spec : specs) {
            FileStamp now = FileStamp.of(spec.file());
            FileStamp loaded = live.get(spec.name()).catalogue().stamp();
            if (now.equals(loaded) || now.equals(FileStamp.MISSING) || now.equals(failed.get(spec.name()))) {
                pending.remove(spec.name());
                continue;
            }
            FileStamp before = pending.put(spec.name(), now);
            if (now.equals(before)) {
                pending.remove(spec.name());
                reload(spec, now);
            } else {
                log.info("catalogue {}: {} changed on disk; reloading once it stays unchanged for {}", spec.name(),
                        spec.file(), interval);
            }
        }
    }

    private void reload(CatalogueSpec spec, FileStamp seen) {
        log.info("catalogue {}: reloading {}", spec.name(), spec.file());
        try {
            Catalogue fresh = loader.load(spec);
            live.replace(IndexedCatalogue.of(fresh));
            failed.remove(spec.name());
            log.info("catalogue {}: reloaded, {} sources now matched", spec.name(), fresh.size());
            listener.reloaded(spec.name(), true);
        } catch (RuntimeException e) {
            failed.put(spec.name(), seen);
            if (e instanceof uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException) {
                log.error("catalogue {}: reload failed, the previous version stays in use: {}", spec.name(),
                        e.getMessage());
            } else {
                log.error("catalogue {}: reload failed, the previous version stays in use: {}", spec.name(),
                        e.toString(), e);
            }
            listener.reloaded(spec.name(), false);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("catalogue watcher did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
