package uk.ac.lsst.pipeline.filter.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * A filter as a scientist registers it. Validated on construction (the expression itself is checked when it is
 * compiled, see {@code FilterCompiler}). Immutable.
 *
 * @param owner           who owns it ({@link Names})
 * @param name            its name, unique per owner ({@link Names})
 * @param expression      a CEL expression over the annotated record that gives a bool
 * @param outputLevel     what it writes per matching alert
 * @param dailyQuotaBytes most bytes it may write per UTC day, &gt; 0
 */
public record FilterDefinition(String owner, String name, String expression, OutputLevel outputLevel,
                               long dailyQuotaBytes) {

    /** 100 MB (10^8 bytes) a UTC day, as Lasair allows a filter stream. */
    public static final long DEFAULT_DAILY_QUOTA_BYTES = 100_000_000L;

    /** @throws IllegalArgumentException listing every problem */
    public FilterDefinition {
        List<String> problems = new ArrayList<>();
        addIfPresent(problems, Names.problem("owner", owner));
        addIfPresent(problems, Names.problem("name", name));
        if (expression == null || expression.isBlank()) {
            problems.add("expression is missing or empty");
        }
        if (outputLevel == null) {
            problems.add("outputLevel is missing; expected one of ids, record, full");
        }
        if (dailyQuotaBytes <= 0) {
            problems.add("dailyQuotaBytes is " + dailyQuotaBytes + "; expected a positive number of bytes");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid filter " + owner + "/" + name + ": "
                    + String.join("; ", problems));
        }
    }

    /** A definition with the default quota. */
    public static FilterDefinition of(String owner, String name, String expression, OutputLevel outputLevel) {
        return new FilterDefinition(owner, name, expression, outputLevel, DEFAULT_DAILY_QUOTA_BYTES);
    }

    public FilterKey key() {
        return new FilterKey(owner, name);
    }

    /** The topic its matches go to ({@link FilterTopics}). */
    public String topic() {
        return FilterTopics.topic(key());
    }

    private static void addIfPresent(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }
}
