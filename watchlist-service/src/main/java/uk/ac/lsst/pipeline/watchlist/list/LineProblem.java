package uk.ac.lsst.pipeline.watchlist.list;

/**
 * Why one line of a watch-list file was rejected.
 *
 * @param line   1-based line number in the file, or 0 for a problem of the whole file
 * @param reason what is wrong, for a person
 */
public record LineProblem(int line, String reason) {

    @Override
    public String toString() {
        return (line == 0 ? "file" : "line " + line) + ": " + reason;
    }
}
