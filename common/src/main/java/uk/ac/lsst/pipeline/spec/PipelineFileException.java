package uk.ac.lsst.pipeline.spec;

import java.util.List;

/** A pipeline file could not be read or is invalid: {@link #problems()} lists every problem, each with its line. */
public final class PipelineFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    public PipelineFileException(String source, List<String> problems) {
        super("pipeline file " + source + " is invalid (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }

    /** Every problem found, each starting with {@code line N:} where the file has a line for it. */
    public List<String> problems() {
        return problems;
    }
}
