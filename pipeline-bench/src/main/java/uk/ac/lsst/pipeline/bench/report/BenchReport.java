package uk.ac.lsst.pipeline.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code pipeline bench} wrote: the machine, the command line, the run (absent for a sweep only)
 * and the sweep (empty unless asked for). Written as {@code bench.json}.
 *
 * @param machine       where and under what load (at the start and at the end)
 * @param loadAtEnd     the load average when the bench finished
 * @param command       the command line
 * @param startedAt     ISO-8601 UTC
 * @param warmupAlerts  alerts run through the same stages in the same JVM before the measured run (0: none)
 * @param run           the main run, or null
 * @param sweep         the partition sweep
 */
public record BenchReport(Machine machine, String loadAtEnd, String command, String startedAt, long warmupAlerts,
                          RunResult run, List<SweepPoint> sweep) {

    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
        return file;
    }
}
