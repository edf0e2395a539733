package uk.ac.lsst.pipeline.benchmarks.crossmatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import uk.ac.lsst.pipeline.crossmatch.MatchRecord;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;
import uk.ac.lsst.pipeline.stage.JsonSerde;

/**
 * A load harness for matching against a synthetic catalogue: {@code threads} threads match seeded positions (half
 * random, half within 1 arcsec of a source; all random with a fifth argument {@code random}) for {@code seconds}, doing {@code index} (the sky index alone),
 * {@code match} (index, sort, classify, match records) or {@code json} (that plus the published JSON). It prints
 * the throughput per thread, per CPU-second of the matching threads (what one core does, even on a busy machine)
 * and in total, and latency percentiles. Bounded in time; touches no network.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.crossmatch.MatchLoadTest \
 *     10000000 1 20 match [random]
 * </pre>
 */
public final class MatchLoadTest {
    private MatchLoadTest() {
    }

    public static void main(String[] args) throws InterruptedException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String mode = args.length > 3 ? args[3] : "json";
        boolean randomOnly = args.length > 4 && args[4].equals("random");
        long start = System.nanoTime();
        Catalogue catalogue = SyntheticCatalogue.inMemory(size, 2.0);
        IndexedCatalogue indexed = IndexedCatalogue.of(catalogue);
        CrossMatcher matcher = new CrossMatcher(new LiveCatalogues(List.of(indexed)), ClassificationRules.DEFAULTS);
        System.out.printf("%,d sources made and indexed in %.1f s; %d thread(s) for %d s (first 20 %% warm-up)%n",
                size, (System.nanoTime() - start) / 1e9, threads, seconds);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Worker w = new Worker(matcher, indexed, catalogue, mode, randomOnly, 1000 + t, measuring,
                    running);
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 200L);
        measuring.set(true);
        long measureStart = System.nanoTime();
        Thread.sleep(seconds * 800L);
        running.set(false);
        // (the workers stop within one match of this)
        double measured = (System.nanoTime() - measureStart) / 1e9;
        long total = 0;
        long matches = 0;
        long cpuNanos = 0;
        long[] all = new long[0];
        for (Worker w : workers) {
            w.join();
            total += w.count;
            matches += w.matches;
            cpuNanos += w.cpuNanos;
            System.out.printf("  %s: %,.0f matches/s%n", w.getName(), w.count / measured);
            long[] l = Arrays.copyOf(w.latencies, (int) Math.min(w.latencies.length, w.count));
            all = concat(all, l);
        }
        Arrays.sort(all);
        System.out.printf("%s: total %,.0f alerts/s over %d thread(s) (%,.0f per thread, %,.0f per CPU-second);"
                        + " %.2f matches per alert; latency p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us%n",
                mode, total / measured, threads, total / measured / threads, total / (cpuNanos / 1e9),
                matches / (double) total,
                pct(all, 0.50), pct(all, 0.99), pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e3);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e3;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** One matching thread; keeps the first latencies it measures (a bounded sample). */
    private static final class Worker extends Thread {
        private final CrossMatcher matcher;
        private final IndexedCatalogue indexed;
        private final Catalogue catalogue;
        private final String mode;
        private final boolean randomOnly;
        private final SplittableRandom random;
        private final AtomicBoolean measuring;
        private final AtomicBoolean running;
        final long[] latencies = new long[2_000_000];
        long count;
        long matches;
        long cpuNanos;

        Worker(CrossMatcher matcher, IndexedCatalogue indexed, Catalogue catalogue, String mode, boolean randomOnly,
               long seed, AtomicBoolean measuring, AtomicBoolean running) {
            super("matcher-" + seed);
            this.matcher = matcher;
            this.indexed = indexed;
            this.catalogue = catalogue;
            this.mode = mode;
            this.randomOnly = randomOnly;
            this.random = new SplittableRandom(seed);
            this.measuring = measuring;
            this.running = running;
        }

        @Override
        public void run() {
            long sink = 0;
            long cpuStart = -1;
            java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            int[] found = {0};
            while (running.get()) {
                if (cpuStart < 0 && measuring.get()) {
                    cpuStart = cpu.getCurrentThreadCpuTime();
                }
                double ra;
                double dec;
                if (randomOnly || random.nextBoolean()) {
                    ra = random.nextDouble(360);
                    dec = Math.toDegrees(Math.asin(random.nextDouble(-1, 1)));
                } else {
                    int of = random.nextInt(catalogue.size());
                    ra = catalogue.raDeg(of);
                    dec = Math.max(-90, Math.min(90, catalogue.decDeg(of) + random.nextDouble(-1, 1) / 3600));
                }
                long t0 = System.nanoTime();
                int n;
                if (mode.equals("index")) {
                    found[0] = 0;
                    indexed.query(ra, dec, (index, sep) -> found[0]++);
                    n = found[0];
                } else {
                    MatchOutcome outcome = matcher.match(ra, dec);
                    List<MatchRecord> records = outcome.matches().stream().map(MatchRecord::of).toList();
                    n = records.size();
                    if (mode.equals("json")) {
                        sink += JsonSerde.write(new CrossmatchBenchmark.Result(ra, dec,
                                outcome.classification().name(), records)).length;
                    }
                }
                long t1 = System.nanoTime();
                if (cpuStart >= 0) {
                    if (count < latencies.length) {
                        latencies[(int) count] = t1 - t0;
                    }
                    count++;
                    matches += n;
                }
            }
            cpuNanos = cpuStart < 0 ? 0 : cpu.getCurrentThreadCpuTime() - cpuStart;
            if (sink == 42) {
                System.out.print("");
            }
        }
    }
}
