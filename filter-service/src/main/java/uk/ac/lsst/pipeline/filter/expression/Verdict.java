package uk.ac.lsst.pipeline.filter.expression;

import java.util.Objects;

/**
 * The outcome of one filter on one alert: it passed, it did not, or evaluation failed at run time (index out of
 * range, no such key, division by zero, iteration budget exceeded, ...), in which case the stage counts the error and
 * skips this filter for this alert. Immutable.
 *
 * @param outcome what happened
 * @param error   for {@link Outcome#ERROR}, what went wrong and where; otherwise null
 */
public record Verdict(Outcome outcome, String error) {

    /** The three outcomes. */
    public enum Outcome { PASS, FAIL, ERROR }

    public static final Verdict PASS = new Verdict(Outcome.PASS, null);
    public static final Verdict FAIL = new Verdict(Outcome.FAIL, null);

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.ERROR) != (error != null)) {
            throw new IllegalArgumentException("an error message goes with outcome ERROR and only with it");
        }
    }

    static Verdict error(String message) {
        return new Verdict(Outcome.ERROR, message);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
