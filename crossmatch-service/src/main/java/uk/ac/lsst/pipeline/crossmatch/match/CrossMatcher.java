package uk.ac.lsst.pipeline.crossmatch.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;

/**
 * Matches a position against every live catalogue, each within its own radius: first the candidate cells of each
 * catalogue's sky index, then the exact angular separation. Results are sorted by separation (ties: catalogue
 * name, then source index) and classified. Thread-safe: any number of stream threads may share one.
 */
public final class CrossMatcher {
    private static final Comparator<SourceMatch> NEAREST_FIRST = Comparator
            .comparingDouble(SourceMatch::separationArcsec)
            .thenComparing(m -> m.catalogue().name())
            .thenComparingInt(SourceMatch::index);

    private final LiveCatalogues catalogues;
    private final ClassificationRules rules;

    public CrossMatcher(LiveCatalogues catalogues, ClassificationRules rules) {
        this.catalogues = catalogues;
        this.rules = rules;
    }

    /**
     * @param raDeg  right ascension, degrees in [0, 360)
     * @param decDeg declination, degrees in [-90, 90]
     */
    public MatchOutcome match(double raDeg, double decDeg) {
        List<SourceMatch> found = new ArrayList<>(4);
        for (IndexedCatalogue c : catalogues.current()) {
            c.query(raDeg, decDeg, (index, separationDeg) ->
                    found.add(new SourceMatch(c, index, separationDeg * 3600.0)));
        }
        if (found.size() > 1) {
            found.sort(NEAREST_FIRST);
        }
        ContextClass cls = rules.classify(found, SourceMatch::kind, SourceMatch::separationArcsec);
        return new MatchOutcome(found, cls);
    }

    public LiveCatalogues catalogues() {
        return catalogues;
    }

    public ClassificationRules rules() {
        return rules;
    }
}
