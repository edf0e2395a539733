package uk.ac.lsst.pipeline.crossmatch.offline;

import java.util.List;
import uk.ac.lsst.pipeline.crossmatch.MatchRecord;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;

/**
 * The offline result for one position of a positions file, printed as a JSON line.
 *
 * @param name           the position's name
 * @param raDeg          right ascension, degrees
 * @param decDeg         declination, degrees
 * @param classification VS, AGN, NT, SN, ORPHAN or UNCLEAR
 * @param matches        every catalogue source within its catalogue's radius, nearest first
 */
public record PositionRecord(String name, double raDeg, double decDeg, String classification,
                             List<MatchRecord> matches) {

    public static PositionRecord of(Position position, MatchOutcome outcome) {
        return new PositionRecord(position.name(), position.raDeg(), position.decDeg(),
                outcome.classification().name(), outcome.matches().stream().map(MatchRecord::of).toList());
    }
}
