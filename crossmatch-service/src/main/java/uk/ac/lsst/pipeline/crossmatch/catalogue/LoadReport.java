package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What loading one catalogue file found.
 *
 * @param rowsRead         data rows in the file
 * @param rowsKept         rows loaded (read minus skipped)
 * @param skippedByReason  skipped rows per reason ({@code bad-position}, {@code missing-id})
 * @param firstSkipped     the first few skipped rows, each "row N: why" (rows count from 1, header excluded)
 * @param seconds          time taken to read the file
 */
public record LoadReport(long rowsRead, long rowsKept, Map<String, Long> skippedByReason, List<String> firstSkipped,
                         double seconds) {
    public static final String BAD_POSITION = "bad-position";
    public static final String MISSING_ID = "missing-id";

    public LoadReport {
        skippedByReason = Map.copyOf(skippedByReason);
        firstSkipped = List.copyOf(firstSkipped);
    }

    public long rowsSkipped() {
        return rowsRead - rowsKept;
    }

    public double rowsPerSecond() {
        return seconds > 0 ? rowsRead / seconds : 0;
    }
}
