package uk.ac.lsst.pipeline.local.replay;

import java.time.Duration;

/**
 * When each alert of a replay is due, as an offset from the start of the replay: a pure function of the alert's
 * 0-based sequence number, so it can be checked without a clock. The replayer sends an alert no earlier than its
 * due time (later if the producer cannot keep up; the schedule does not slip, later alerts catch up). Immutable.
 */
public sealed interface ReplaySchedule {

    /** Nanoseconds after the start at which alert number {@code sequence} (0-based) is due; non-decreasing. */
    long dueNanos(long sequence);

    /** A short human-readable form, e.g. {@code 100 alerts/s}. */
    String describe();

    /** Every alert as soon as the producer takes it. */
    static ReplaySchedule fullSpeed() {
        return new FullSpeed();
    }

    /** Evenly spaced alerts; a rate of 0 means {@link #fullSpeed()}. */
    static ReplaySchedule rate(double alertsPerSecond) {
        return alertsPerSecond == 0 ? fullSpeed() : new Rate(alertsPerSecond);
    }

    /** {@code alertsPerBurst} alerts as fast as possible, one burst every {@code every} (Rubin: a visit every ~40 s). */
    static ReplaySchedule bursts(int alertsPerBurst, Duration every) {
        return new Bursts(alertsPerBurst, every);
    }

    /** No pacing. */
    record FullSpeed() implements ReplaySchedule {
        @Override
        public long dueNanos(long sequence) {
            return 0;
        }

        @Override
        public String describe() {
            return "full speed";
        }
    }

    /** @param alertsPerSecond positive and finite */
    record Rate(double alertsPerSecond) implements ReplaySchedule {
        public Rate {
            if (!(alertsPerSecond > 0) || Double.isInfinite(alertsPerSecond)) {
                throw new IllegalArgumentException("rate must be a positive number of alerts/s, got " + alertsPerSecond);
            }
        }

        @Override
        public long dueNanos(long sequence) {
            return (long) Math.floor(sequence * 1e9 / alertsPerSecond);
        }

        @Override
        public String describe() {
            return alertsPerSecond + " alerts/s";
        }
    }

    /**
     * @param alertsPerBurst at least 1
     * @param every          time from the start of one burst to the start of the next, positive
     */
    record Bursts(int alertsPerBurst, Duration every) implements ReplaySchedule {
        public Bursts {
            if (alertsPerBurst < 1) {
                throw new IllegalArgumentException("a burst must hold at least 1 alert, got " + alertsPerBurst);
            }
            if (every == null || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("the time between bursts must be positive, got " + every);
            }
        }

        @Override
        public long dueNanos(long sequence) {
            return Math.multiplyExact(sequence / alertsPerBurst, every.toNanos());
        }

        @Override
        public String describe() {
            return "bursts of " + alertsPerBurst + " alerts every " + every.toMillis() / 1000.0 + " s";
        }
    }
}
