package uk.ac.lsst.pipeline.crossmatch.match;

import java.util.List;
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;

/**
 * Everything found at one position: the matches, nearest first, and the classification they give.
 */
public record MatchOutcome(List<SourceMatch> matches, ContextClass classification) {
    public MatchOutcome {
        matches = List.copyOf(matches);
    }
}
