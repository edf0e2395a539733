package uk.ac.lsst.pipeline.benchmarks.thumbnails;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.Cutout;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.thumbnails.AlertThumbnailer;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailMetrics;
import uk.ac.lsst.pipeline.thumbnails.image.CutoutException;
import uk.ac.lsst.pipeline.thumbnails.render.CutoutRenderer;
import uk.ac.lsst.pipeline.thumbnails.render.ImageFormat;
import uk.ac.lsst.pipeline.thumbnails.render.RenderOptions;
import uk.ac.lsst.pipeline.thumbnails.render.Stretch;
import uk.ac.lsst.pipeline.thumbnails.store.FileThumbnailStore;
import uk.ac.lsst.pipeline.thumbnails.store.ThumbnailStore;

/**
 * Long-run memory check of thumbnail rendering: decodes real ZTF alerts (cycling through the samples) and renders
 * their triplets as thumbnail-service does, one thread, then prints the heap in use after a full GC at intervals.
 * Flat numbers mean no image, buffer or record is retained from one alert to the next. Rates are given per second
 * of wall time and per second of the rendering thread's CPU time (the per-core rate on a machine shared with other
 * work).
 *
 * <pre>
 * java -Xmx256m -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.thumbnails.ThumbnailSoak \
 *     [--triplets 100000] [--every 10000] [--store DIR] [--size cutout|PX] [--format jpeg|png] [--render-only] \
 *     [--out FILE]
 * </pre>
 *
 * Without {@code --store} the images are counted and dropped (the rendering path alone); with it they are written
 * to DIR as the service writes them (the same 34 alerts' files, replaced again and again). {@code --render-only}
 * measures the rendering alone (cutouts taken out of the alerts once; no Avro decoding, no store, no GC report).
 */
public final class ThumbnailSoak {
    private ThumbnailSoak() {
    }

    public static void main(String[] args) throws IOException, AlertDecodeException, CutoutException {
        long triplets = 100_000;
        long every = 10_000;
        Path storeDir = null;
        int sizePx = RenderOptions.DEFAULT_SIZE_PX;
        ImageFormat format = ImageFormat.JPEG;
        boolean renderOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--triplets" -> triplets = Long.parseLong(args[++i]);
                case "--every" -> every = Long.parseLong(args[++i]);
                case "--store" -> storeDir = Path.of(args[++i]);
                case "--size" -> sizePx = RenderOptions.parseSize(args[++i]);
                case "--format" -> format = ImageFormat.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--render-only" -> renderOnly = true;
                case "--out" -> TeeOutput.alsoTo(Path.of(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (expected --triplets N,"
                        + " --every N, --store DIR, --size cutout|PX, --format jpeg|png, --render-only, --out FILE)");
            }
        }
        RenderOptions options = new RenderOptions(format, sizePx, Stretch.LINEAR, RenderOptions.DEFAULT_JPEG_QUALITY);
        if (renderOnly) {
            renderOnly(options, triplets, every);
            return;
        }
        List<byte[]> alerts = ZtfCutouts.alerts();
        AtomicLong bytes = new AtomicLong();
        ThumbnailStore store = storeDir != null ? new FileThumbnailStore(storeDir) : new ThumbnailStore() {
            @Override
            public void put(String key, byte[] image) {
                bytes.addAndGet(image.length);
            }

            @Override
            public String describe() {
                return "discarding store";
            }
        };
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), true, 16 << 20);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "%d ZTF alerts from %s, %d triplets, %s, max heap %d MB%n", alerts.size(),
                ZtfCutouts.directory(), triplets, store.describe(), Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("triplets  seconds  triplets/s  per-cpu-s  heap-after-GC-MB");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long intervalCpu = cpuStart;
        long intervalStart = start;
        double firstHeap = -1;
        double lastHeap = 0;
        try (AlertThumbnailer thumbnailer = new AlertThumbnailer(options, 4 << 20, store, null,
                new ThumbnailMetrics(new SimpleMeterRegistry(), "soak"))) {
            for (long n = 1; n <= triplets; n++) {
                thumbnailer.thumbnail(decoder.decode(alerts.get((int) (n % alerts.size()))));
                if (n % every == 0) {
                    long now = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    double heap = heapAfterGc(memory);
                    if (firstHeap < 0) {
                        firstHeap = heap;
                    }
                    lastHeap = heap;
                    System.out.printf(Locale.ROOT, "%8d  %7.1f  %10.0f  %9.0f  %16.1f%n", n, (now - start) / 1e9,
                            every / ((now - intervalStart) / 1e9), every / ((cpu - intervalCpu) / 1e9), heap);
                    intervalStart = System.nanoTime();
                    intervalCpu = threads.getCurrentThreadCpuTime();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "done: %d triplets in %.1f s, %.0f/s wall, %.0f per CPU-second of the "
                + "rendering thread (Avro decoding included, GC threads not); heap after GC %.1f MB at the first "
                + "report, %.1f MB at the last%n", triplets, seconds, triplets / seconds, triplets / cpuSeconds,
                firstHeap, lastHeap);
    }

    /**
     * The rendering path alone, as the target is stated (gzipped FITS in, image bytes out): the cutouts are taken
     * out of the alerts once, then rendered again and again; rates per wall and per CPU second.
     */
    private static void renderOnly(RenderOptions options, long triplets, long every) throws CutoutException {
        List<Cutout[]> all = ZtfCutouts.triplets();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "render only: %d ZTF triplets cycled, %s, size %s%n", all.size(),
                options.format().code(), RenderOptions.sizeName(options.sizePx()));
        System.out.println("triplets  seconds  triplets/s  per-cpu-s");
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long intervalStart = start;
        long intervalCpu = cpuStart;
        long sink = 0;
        try (CutoutRenderer renderer = new CutoutRenderer(options, 4 << 20)) {
            for (long n = 1; n <= triplets; n++) {
                for (Cutout c : all.get((int) (n % all.size()))) {
                    sink += renderer.render(c).bytes().length;
                }
                if (n % every == 0) {
                    long now = System.nanoTime();
                    long cpu = threads.getCurrentThreadCpuTime();
                    System.out.printf(Locale.ROOT, "%8d  %7.1f  %10.0f  %9.0f%n", n, (now - start) / 1e9,
                            every / ((now - intervalStart) / 1e9), every / ((cpu - intervalCpu) / 1e9));
                    intervalStart = now;
                    intervalCpu = cpu;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf(Locale.ROOT, "done: %d triplets, %.0f/s wall, %.0f per CPU-second, %.1f KB per triplet%n",
                triplets, triplets / seconds, triplets / cpuSeconds, sink / 1024.0 / triplets);
    }

    private static double heapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
