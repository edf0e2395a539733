package uk.ac.lsst.pipeline.benchmarks.crossmatch;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;

/**
 * Loads a catalogue file (made by {@link SyntheticCatalogue}) as crossmatch-service does and reports the time to read
 * and index it and the heap it holds afterwards (used heap after a full GC, less the baseline before loading).
 * Run it in the service's heap budget to prove it fits:
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.crossmatch.CatalogueLoadRun \
 *     /tmp/synthetic-10m.fits [FORMAT, e.g. csv(header=true,maxSample=100000)]
 * </pre>
 */
public final class CatalogueLoadRun {
    private CatalogueLoadRun() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: CatalogueLoadRun FILE [FORMAT]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long baseline = usedHeap();
        CatalogueSpec spec = CatalogueSpec.of("synthetic", file).withIdColumns("id").withTypeColumn("class")
                .withCarryColumns("redshift", "r").withRadiusArcsec(2.0).withFormat(args.length > 1 ? args[1] : "auto");
        long start = System.nanoTime();
        Catalogue catalogue = new CatalogueLoader(Duration.ofSeconds(5)).load(spec);
        long loaded = System.nanoTime();
        IndexedCatalogue indexed = IndexedCatalogue.of(catalogue);
        long indexedAt = System.nanoTime();
        long held = usedHeap() - baseline;
        System.out.printf("%s (%.0f MB): %,d sources; read %.1f s (%,.0f rows/s), index %.1f s, total %.1f s;"
                        + " heap held %.0f MiB (%.0f bytes/source; columns ~%.0f MiB); max heap %.0f MiB%n",
                file.getFileName(), size(file) / 1e6, catalogue.size(), (loaded - start) / 1e9,
                catalogue.size() / ((loaded - start) / 1e9), (indexedAt - loaded) / 1e9, (indexedAt - start) / 1e9,
                held / 1048576.0, held / (double) catalogue.size(), catalogue.heapBytes() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        System.out.println("peak heap (pools): " + ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576 + " MiB; kept " + indexed.name());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
