package uk.ac.lsst.pipeline.filter.engine;

import uk.ac.lsst.pipeline.filter.expression.Verdict;

/** Receives what {@link FilterRunner} decided for each filter on one alert; the stage forwards, counts and logs. */
public interface FilterSink {

    /** {@code filter} was evaluated, with this verdict, in {@code nanos} nanoseconds (before any other call for it). */
    default void evaluated(ActiveFilter filter, Verdict verdict, long nanos) {
    }

    /** {@code filter} matched and is within its quota: write {@code value} to {@code filter.topic()}. */
    void write(ActiveFilter filter, byte[] value);

    /**
     * {@code filter} matched but is over its daily quota: the value of {@code bytes} bytes is not written.
     *
     * @param firstToday true for the filter's first drop this UTC day (log once a day)
     */
    void dropped(ActiveFilter filter, int bytes, boolean firstToday);

    /** Evaluating {@code filter} failed at run time ({@code error} says why and where); the filter is skipped. */
    void failed(ActiveFilter filter, String error);
}
