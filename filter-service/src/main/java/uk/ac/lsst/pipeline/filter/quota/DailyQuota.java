package uk.ac.lsst.pipeline.filter.quota;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;

/**
 * Keeps each filter within its daily byte quota: a record is written while the bytes the filter wrote today plus the
 * record's size stay within the quota, and dropped otherwise (a smaller record later the same day may still fit).
 * Counts bytes and records written and dropped per filter; every count starts again at 00:00 UTC.
 *
 * <p>The day is taken from the injected clock at the moment of writing (processing time), not from the record: the
 * quota limits what a subscriber receives per day, and a backlog of old alerts replayed after an outage must not
 * bring a fresh quota for every past day. Should the clock step back across midnight, the later day is kept.
 *
 * <p>Counts live in memory: they start at zero when the process starts, and each accountant counts what its own
 * process writes, so a filter of a stage run as N instances may write up to N times its quota a day. Thread-safe:
 * one per process, shared by its stream threads (each decision is a few field updates under a lock).
 */
public final class DailyQuota {
    private static final long MS_PER_DAY = 86_400_000L;

    private final Clock clock;
    private final Map<FilterKey, Counts> counts = new HashMap<>();
    private long epochDay = Long.MIN_VALUE;

    /** @param clock the wall clock (UTC days are taken from its instant, whatever its zone) */
    public DailyQuota(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Decides whether {@code filter} may write a record of {@code recordBytes} now, and counts it either way.
     *
     * @param quotaBytes  the filter's daily quota, bytes
     * @param recordBytes the size of the record value, bytes
     */
    public synchronized QuotaDecision tryWrite(FilterKey filter, long quotaBytes, long recordBytes) {
        rollOver();
        Counts c = counts.computeIfAbsent(filter, k -> new Counts());
        if (c.bytesWritten + recordBytes <= quotaBytes) {
            c.bytesWritten += recordBytes;
            c.recordsWritten++;
            return QuotaDecision.WRITE;
        }
        c.bytesDropped += recordBytes;
        c.recordsDropped++;
        return c.recordsDropped == 1 ? QuotaDecision.FIRST_DROP : QuotaDecision.DROP;
    }

    /** What {@code filter} wrote and dropped today (UTC); zeros if nothing yet. */
    public synchronized QuotaUsage usage(FilterKey filter) {
        rollOver();
        Counts c = counts.getOrDefault(filter, new Counts());
        return new QuotaUsage(LocalDate.ofEpochDay(epochDay), c.bytesWritten, c.recordsWritten, c.bytesDropped,
                c.recordsDropped);
    }

    /** Forgets a deleted filter's counts. */
    public synchronized void forget(FilterKey filter) {
        counts.remove(filter);
    }

    private void rollOver() {
        long today = Math.floorDiv(clock.millis(), MS_PER_DAY);
        if (today > epochDay) {
            epochDay = today;
            counts.clear();
        }
    }

    private static final class Counts {
        long bytesWritten;
        long recordsWritten;
        long bytesDropped;
        long recordsDropped;
    }
}
