package uk.ac.lsst.pipeline.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.kafka.streams.AutoOffsetReset;

/**
 * Where a stage starts reading an input partition that its group has no committed offset for (the first run, or
 * for buffer-ingest a new nightly upstream topic): {@code earliest}, {@code latest}, an instant
 * ({@code 2026-11-26T18:00:00Z}) or a look-back duration ({@code PT6H}). After that it always resumes from its
 * committed offsets.
 *
 * @param spec the text as given
 */
public record StartFrom(String spec) {

    /** Parses and validates {@code spec}; throws IllegalArgumentException naming what was expected. */
    public static StartFrom parse(String spec) {
        StartFrom s = new StartFrom(spec.trim());
        s.toOffsetReset(Clock.systemUTC());
        return s;
    }

    /** The Kafka Streams reset policy; an instant becomes a look-back from now (at least one millisecond). */
    public AutoOffsetReset toOffsetReset(Clock clock) {
        String s = spec.toLowerCase(Locale.ROOT);
        if (s.equals("earliest")) {
            return AutoOffsetReset.earliest();
        }
        if (s.equals("latest")) {
            return AutoOffsetReset.latest();
        }
        try {
            if (s.startsWith("p")) {
                return AutoOffsetReset.byDuration(Duration.parse(spec.toUpperCase(Locale.ROOT)));
            }
            Duration back = Duration.between(Instant.parse(spec), clock.instant());
            return AutoOffsetReset.byDuration(back.isNegative() || back.isZero() ? Duration.ofMillis(1) : back);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("START_FROM='" + spec
                    + "' is invalid: expected earliest, latest, an instant such as 2026-11-26T18:00:00Z or a duration such as PT6H");
        }
    }
}
