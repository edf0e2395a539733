package uk.ac.lsst.pipeline.crossmatch.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;

/**
 * The catalogues matched against right now: an immutable list behind an {@link AtomicReference}. A reload builds a
 * new {@link IndexedCatalogue} aside and swaps it in with {@link #replace}; a match reads {@link #current()} once,
 * so it sees either the old or the new catalogue, never a mix, and never waits. Thread-safe.
 */
public final class LiveCatalogues {
    private static final Logger log = LoggerFactory.getLogger(LiveCatalogues.class);
    private final AtomicReference<List<IndexedCatalogue>> current;

    public LiveCatalogues(List<IndexedCatalogue> catalogues) {
        this.current = new AtomicReference<>(List.copyOf(catalogues));
    }

    /**
     * Loads and indexes every catalogue of the settings, in order, logging each one's size and load time.
     *
     * @throws uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException naming the catalogue and the problem
     */
    public static LiveCatalogues load(CatalogueSettings settings) {
        CatalogueLoader loader = CatalogueLoader.withDefaults();
        List<IndexedCatalogue> loaded = new ArrayList<>();
        for (CatalogueSpec spec : settings.catalogues()) {
            long start = System.nanoTime();
            IndexedCatalogue indexed = IndexedCatalogue.of(loader.load(spec));
            log.info("catalogue {}: {} sources indexed for a {}\" radius, ready in {} s", spec.name(),
                    indexed.catalogue().size(), spec.radiusArcsec(),
                    String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
            loaded.add(indexed);
        }
        return new LiveCatalogues(loaded);
    }

    /** The catalogues now, in settings order. */
    public List<IndexedCatalogue> current() {
        return current.get();
    }

    /** Swaps in {@code fresh} in place of the catalogue of the same name. */
    public void replace(IndexedCatalogue fresh) {
        current.updateAndGet(list -> {
            List<IndexedCatalogue> next = new ArrayList<>(list);
            boolean found = false;
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i).name().equals(fresh.name())) {
                    next.set(i, fresh);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no catalogue named " + fresh.name() + " to replace");
            }
            return List.copyOf(next);
        });
    }

    /** The catalogue of that name now. */
    public IndexedCatalogue get(String name) {
        return current().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no catalogue named " + name));
    }
}
