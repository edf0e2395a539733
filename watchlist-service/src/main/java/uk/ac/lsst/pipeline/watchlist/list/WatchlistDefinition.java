package uk.ac.lsst.pipeline.watchlist.list;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole watch list as an astronomer uploads it: identity, description and every source (each with its radius
 * already resolved). Immutable; {@link #validate()} checks it as a whole.
 *
 * @param id                  stable identifier, the key of its records and of its hits (see {@link Limits#LIST_ID})
 * @param name                human-readable name
 * @param owner               who owns it (free text, may be empty)
 * @param defaultRadiusArcsec the radius given to sources that state none, (0, 3600]
 * @param sources             at least one; names unique
 */
public record WatchlistDefinition(String id, String name, String owner, double defaultRadiusArcsec,
                                  List<WatchlistSource> sources) {

    public WatchlistDefinition {
        owner = owner == null ? "" : owner;
        sources = List.copyOf(sources);
    }

    /** @throws IllegalArgumentException listing every problem */
    public WatchlistDefinition validate() {
        List<String> problems = new ArrayList<>();
        String idProblem = Limits.listIdProblem(id);
        if (idProblem != null) {
            problems.add(idProblem);
        }
        if (name == null || name.isBlank()) {
            problems.add("list name is empty");
        }
        String radius = Limits.radiusProblem(defaultRadiusArcsec);
        if (radius != null) {
            problems.add("default " + radius);
        }
        if (sources.isEmpty()) {
            problems.add("the list has no sources");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            WatchlistSource s = sources.get(i);
            String p = s.problem();
            if (p != null) {
                problems.add("source " + (i + 1) + " (" + s.name() + "): " + p);
            }
            Integer first = seen.putIfAbsent(s.name(), i + 1);
            if (first != null) {
                problems.add("source " + (i + 1) + ": duplicate name '" + s.name() + "' (first as source " + first + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid watch list " + id + ": " + String.join("; ", problems));
        }
        return this;
    }
}
