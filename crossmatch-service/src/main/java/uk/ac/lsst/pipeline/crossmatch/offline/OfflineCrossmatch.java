package uk.ac.lsst.pipeline.crossmatch.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchRecord;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.stage.JsonSerde;

/**
 * The service's matching without Kafka: alert files or a positions file in, one JSON line per alert or position
 * out (the same records the service publishes for alerts). Not thread-safe (one writer).
 */
public final class OfflineCrossmatch {
    private static final ObjectWriter JSON = JsonSerde.mapper().writer();

    private final CrossMatcher matcher;
    private final PrintWriter out;
    private final Consumer<String> problems;

    /**
     * @param out      where JSON lines go
     * @param problems told of every input that could not be matched, with the reason
     */
    public OfflineCrossmatch(CrossMatcher matcher, PrintWriter out, Consumer<String> problems) {
        this.matcher = matcher;
        this.out = out;
        this.problems = problems;
    }

    /**
     * Matches every alert file under {@code roots} (see {@link AlertFiles#discover}).
     *
     * @return how many alerts could not be matched (undecodable, or without a usable position)
     */
    public int matchAlerts(List<Path> roots, AlertDecoder decoder) {
        int failed = 0;
        for (AlertFile file : AlertFiles.discover(roots)) {
            try {
                Alert alert = decoder.decode(file.read());
                if (!alert.hasUsablePosition()) {
                    problems.accept(file.path() + ": alert " + alert.alertId() + " has no usable position (ra="
                            + alert.raDeg() + ", dec=" + alert.decDeg() + ")");
                    failed++;
                    continue;
                }
                print(CrossmatchRecord.of(alert, matcher.match(alert.raDeg(), alert.decDeg())));
            } catch (AlertDecodeException e) {
                problems.accept(file.path() + ": " + e.getMessage());
                failed++;
            }
        }
        out.flush();
        return failed;
    }

    /**
     * Matches every position of a positions file (see {@link PositionsFile}).
     *
     * @return how many lines could not be read
     */
    public int matchPositions(Path file) {
        int[] failed = {0};
        List<Position> positions;
        try {
            positions = PositionsFile.read(file, p -> {
                problems.accept(p);
                failed[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read positions file " + file, e);
        }
        for (Position p : positions) {
            print(PositionRecord.of(p, matcher.match(p.raDeg(), p.decDeg())));
        }
        out.flush();
        return failed[0];
    }

    private void print(Object record) {
        try {
            out.println(JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
