package uk.ac.lsst.pipeline.filter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock the test moves by hand. Not thread-safe beyond the visibility of {@link #set}. */
public final class HandClock extends Clock {
    private volatile Instant now;

    /** @param instant ISO-8601, e.g. {@code 2026-12-04T10:00:00Z} */
    public HandClock(String instant) {
        this.now = Instant.parse(instant);
    }

    public void set(String instant) {
        now = Instant.parse(instant);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
