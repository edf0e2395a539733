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
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFileProblem;
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
     * What a run did.
     *
     * @param matched alerts or positions matched (one JSON line each)
     * @param skipped inputs that could not be matched, each told to the problems consumer: files that are not
     *                alerts, undecodable alerts, alerts without a usable position, unreadable position lines
     */
    public record Outcome(int matched, int skipped) {
    }

    /**
     * Matches every alert file found; every file that is not an alert file is told as a problem and skipped, as
     * are alerts that cannot be decoded or have no usable position.
     */
    public Outcome matchAlerts(AlertDiscovery found, AlertDecoder decoder) {
        for (AlertFileProblem problem : found.problems()) {
            problems.accept(problem.toString());
        }
        int matched = 0;
        int skipped = found.problems().size();
        for (AlertFile file : found.files()) {
            if (matchAlert(file, decoder)) {
                matched++;
            } else {
                skipped++;
            }
        }
        out.flush();
        return new Outcome(matched, skipped);
    }

    private boolean matchAlert(AlertFile file, AlertDecoder decoder) {
        Alert alert;
        try {
            alert = decoder.decode(file.read(), file.format());
        } catch (AlertDecodeException | UncheckedIOException e) {
            problems.accept(file.path() + ": " + e.getMessage());
            return false;
        }
        if (!alert.hasUsablePosition()) {
            problems.accept(file.path() + ": alert " + alert.alertId() + " has no usable position (ra="
                    + alert.raDeg() + ", dec=" + alert.decDeg() + ")");
            return false;
        }
        print(CrossmatchRecord.of(alert, matcher.match(alert.raDeg(), alert.decDeg())));
        return true;
    }

    /**
     * Matches every position of a positions file (see {@link PositionsFile}); lines that cannot be read are told
     * as problems and skipped.
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public Outcome matchPositions(Path file) {
        int[] skipped = {0};
        List<Position> positions;
        try {
            positions = PositionsFile.read(file, p -> {
                problems.accept(p);
                skipped[0]++;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read positions file " + file, e);
        }
        for (Position p : positions) {
            print(PositionRecord.of(p, matcher.match(p.raDeg(), p.decDeg())));
        }
        out.flush();
        return new Outcome(positions.size(), skipped[0]);
    }

    private void print(Object record) {
        try {
            out.println(JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
