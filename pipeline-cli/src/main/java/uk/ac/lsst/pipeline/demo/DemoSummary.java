package uk.ac.lsst.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import uk.ac.lsst.pipeline.local.run.RunningStage;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailStage;
import uk.ac.lsst.pipeline.watchlist.WatchlistStage;

/**
 * What a local run did, written as {@code summary.json}.
 *
 * @param complete        true when every stage processed every alert before the timeout and none failed
 * @param alertsRequested the number of alerts asked for
 * @param replayed        acknowledged by the upstream buffer, per upstream topic
 * @param replayFailed    sends the upstream buffer did not acknowledge
 * @param corruptInjected corrupt messages written upstream on purpose
 * @param ingested        alerts in the ingest buffer's alerts topic
 * @param stages          per stage: records in, results written, dead letters (in the order data flows)
 * @param deadLetters     per stage, dead letters per reason
 * @param hits            watch-list hits written
 * @param thumbnails      thumbnail records written (one per alert) and the gallery page
 * @param filters         records on each sample filter's topic
 * @param buffers         bootstrap servers of each buffer
 * @param elapsedSeconds  from the start of the replay to the end of the wait
 * @param alertsPerSecond ingested alerts over elapsed time
 */
public record DemoSummary(
        boolean complete,
        long alertsRequested,
        SortedMap<String, Long> replayed,
        long replayFailed,
        long corruptInjected,
        long ingested,
        Map<String, StageCounts> stages,
        SortedMap<String, SortedMap<String, Long>> deadLetters,
        long hits,
        Thumbnails thumbnails,
        SortedMap<String, Long> filters,
        SortedMap<String, String> buffers,
        double elapsedSeconds,
        double alertsPerSecond) {

    /**
     * @param in          records the stage read
     * @param written     records in its results topic
     * @param deadLetters records in its dead-letter topic
     */
    public record StageCounts(long in, long written, long deadLetters) {
    }

    /**
     * @param records records in the thumbnails topic
     * @param gallery the gallery page
     */
    public record Thumbnails(long records, String gallery) {
    }

    static DemoSummary of(boolean complete, long requested, SortedMap<String, Long> replayed, long replayFailed,
                          long corrupt, List<RunningStage> stages,
                          SortedMap<String, SortedMap<String, Long>> deadLetters, Map<String, String> buffers,
                          Path gallery, SortedMap<String, Long> filters, double elapsed) {
        Map<String, StageCounts> counts = new java.util.LinkedHashMap<>();
        for (RunningStage s : stages) {
            long[] written = s.written();
            counts.put(s.name(), new StageCounts(s.alertsIn(), written[0], written[1]));
        }
        long ingested = counts.get(stages.get(0).name()).written();
        long hits = stages.stream().filter(s -> s.type().equals(WatchlistStage.KIND.id()))
                .mapToLong(s -> counts.get(s.name()).written()).sum();
        long thumbnails = stages.stream().filter(s -> s.type().equals(ThumbnailStage.KIND.id()))
                .mapToLong(s -> counts.get(s.name()).written()).sum();
        return new DemoSummary(complete, requested, replayed, replayFailed, corrupt, ingested, counts, deadLetters,
                hits, new Thumbnails(thumbnails, gallery == null ? null : gallery.toAbsolutePath().toString()),
                new TreeMap<>(filters), new TreeMap<>(buffers), elapsed, elapsed > 0 ? ingested / elapsed : 0);
    }

    public long replayedTotal() {
        return replayed.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Writes {@code summary.json} into {@code dir} (created if needed) and returns its path. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("summary.json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the summary into " + dir, e);
        }
    }

    /** A few lines for people. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(complete ? "Demo complete" : "Demo INCOMPLETE (a stage failed or the timeout passed)")
                .append(String.format(" in %.1f s: %d alerts replayed, %d ingested (%.0f alerts/s)%n",
                        elapsedSeconds, replayedTotal(), ingested, alertsPerSecond));
        replayed.forEach((t, n) -> s.append(String.format("  upstream %-26s %7d replayed%n", t, n)));
        if (replayFailed > 0) {
            s.append(String.format("  %d sends failed upstream%n", replayFailed));
        }
        if (corruptInjected > 0) {
            s.append(String.format("  %d corrupt messages injected upstream%n", corruptInjected));
        }
        s.append(String.format("  %-18s %9s %9s %8s%n", "stage", "in", "written", "dead"));
        stages.forEach((name, c) -> s.append(String.format("  %-18s %9d %9d %8d  %s%n", name, c.in(), c.written(),
                c.deadLetters(), deadLetters.getOrDefault(name, new TreeMap<>()).isEmpty() ? ""
                        : deadLetters.get(name).toString())));
        s.append(String.format("  watch-list hits: %d; thumbnails: %d alerts, gallery %s%n", hits,
                thumbnails.records(), thumbnails.gallery()));
        filters.forEach((topic, n) -> s.append(String.format("  filter topic %-40s %6d alerts%n", topic, n)));
        return s.toString();
    }
}
