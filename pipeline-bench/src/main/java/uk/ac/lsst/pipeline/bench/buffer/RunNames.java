package uk.ac.lsst.pipeline.bench.buffer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The names a bench run gives to the topics, application ids and consumer groups it makes: each is the bench's own
 * name behind the run's prefix, so that a run on shared buffers never meets the pipeline's topics and groups, nor
 * another run's. Immutable.
 *
 * @param prefix put before every name; empty on in-process buffers, which are the run's alone
 */
public record RunNames(String prefix) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** No prefix: for buffers that only this run uses. */
    public static final RunNames NONE = new RunNames("");

    /**
     * A prefix of its own for a run started at {@code now}: {@code bench-<yyyyMMdd-HHmmss UTC>-<4 hex digits>-}. The
     * random digits only keep two runs started in the same second apart.
     */
    public static RunNames fresh(Instant now, Random random) {
        byte[] bytes = new byte[2];
        random.nextBytes(bytes);
        return new RunNames("bench-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(bytes) + "-");
    }

    /** The run's name of a topic, an application id or a consumer group the bench calls {@code name}. */
    public String of(String name) {
        return prefix + name;
    }

    /** A regular expression matching the run's names of the topics that {@code regex} matches. */
    public String pattern(String regex) {
        return prefix.isEmpty() ? regex : Pattern.quote(prefix) + "(?:" + regex + ")";
    }

    /** Whether a topic or group of this name belongs to the run (always false without a prefix). */
    public boolean owns(String name) {
        return !prefix.isEmpty() && name.startsWith(prefix);
    }
}
