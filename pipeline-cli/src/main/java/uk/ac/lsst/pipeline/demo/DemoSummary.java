package uk.ac.lsst.pipeline.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a local run did, written as {@code summary.json}.
 *
 * @param complete        true when every replayed (and injected corrupt) message reached the ingest buffer, as an
 *                        alert or as a dead letter, before the timeout
 * @param alertsRequested the number of alerts asked for
 * @param replayed        acknowledged by the upstream buffer, per upstream topic
 * @param replayFailed    sends the upstream buffer did not acknowledge
 * @param corruptInjected corrupt messages written upstream on purpose
 * @param ingested        records in the ingest buffer's alerts topic
 * @param deadLetters     records in the ingest dead-letter topic, per reason
 * @param topics          per topic of the ingest buffer, records per partition
 * @param stages          per stage, its counters (in, out, dead letters)
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
        SortedMap<String, Long> deadLetters,
        SortedMap<String, SortedMap<Integer, Long>> topics,
        SortedMap<String, Map<String, Double>> stages,
        SortedMap<String, String> buffers,
        double elapsedSeconds,
        double alertsPerSecond) {

    public long replayedTotal() {
        return replayed.values().stream().mapToLong(Long::longValue).sum();
    }

    public long deadLettersTotal() {
        return deadLetters.values().stream().mapToLong(Long::longValue).sum();
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
        s.append(complete ? "Demo complete" : "Demo INCOMPLETE (timed out)").append(String.format(
                " in %.1f s: %d alerts replayed, %d ingested, %d dead letters (%.0f alerts/s)%n", elapsedSeconds,
                replayedTotal(), ingested, deadLettersTotal(), alertsPerSecond));
        replayed.forEach((t, n) -> s.append(String.format("  upstream %-28s %6d replayed%n", t, n)));
        if (replayFailed > 0) {
            s.append(String.format("  %d sends failed upstream%n", replayFailed));
        }
        if (corruptInjected > 0) {
            s.append(String.format("  %d corrupt messages injected upstream%n", corruptInjected));
        }
        deadLetters.forEach((r, n) -> s.append(String.format("  dead letters  %-24s %6d%n", r, n)));
        topics.forEach((t, parts) -> s.append(String.format("  ingest topic  %-24s %6d records over %d partitions %s%n",
                t, parts.values().stream().mapToLong(Long::longValue).sum(), parts.size(), parts.values())));
        return s.toString();
    }
}
