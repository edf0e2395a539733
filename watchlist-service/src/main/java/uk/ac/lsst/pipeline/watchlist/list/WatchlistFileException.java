package uk.ac.lsst.pipeline.watchlist.list;

import java.util.List;

/** A watch-list file was rejected as a whole; {@link #problems()} lists every bad line with its reason. */
public final class WatchlistFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<LineProblem> problems;

    public WatchlistFileException(String file, List<LineProblem> problems) {
        super("watch list " + file + " rejected, nothing was uploaded (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ",
                problems.stream().map(LineProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<LineProblem> problems() {
        return problems;
    }
}
