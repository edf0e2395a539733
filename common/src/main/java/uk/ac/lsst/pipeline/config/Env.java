package uk.ac.lsst.pipeline.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads settings from environment variables (12-factor) and collects every problem instead of failing on the
 * first: call the getters, then {@link #check()} once, which throws a {@link SettingsException} listing all of them.
 *
 * <p>Secrets: for any variable {@code X}, a variable {@code X_FILE} naming a file (a Kubernetes secret mount) may
 * be given instead; the file's content, without trailing newline, is the value. Getters that meet a bad value
 * record the problem and return the default (or null), so that reading can go on. Not thread-safe.
 */
public final class Env {
    private final Map<String, String> vars;
    private final List<String> problems = new ArrayList<>();

    public Env(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** The raw value of {@code name} (or of the file named by {@code name_FILE}), if set and not blank. */
    public Optional<String> optional(String name) {
        String value = vars.get(name);
        if (value != null && !value.isBlank()) {
            return Optional.of(value.trim());
        }
        String file = vars.get(name + "_FILE");
        if (file != null && !file.isBlank()) {
            try {
                return Optional.of(Files.readString(Path.of(file.trim())).stripTrailing());
            } catch (IOException e) {
                problems.add(name + "_FILE: cannot read " + file.trim() + " (" + e.getMessage() + ")");
            }
        }
        return Optional.empty();
    }

    /** The names of the variables set that start with {@code prefix}, sorted (to spot stray or misspelt ones). */
    public List<String> namesStartingWith(String prefix) {
        return vars.keySet().stream().filter(v -> v.startsWith(prefix)).sorted().toList();
    }

    /** A required string; records "missing" with the description of what was expected. */
    public String required(String name, String expected) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            problems.add(name + " is missing: expected " + expected);
            return null;
        }
        return value.get();
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        return parse(name, defaultValue, Integer::parseInt, "an integer from " + min + " to " + max,
                v -> v >= min && v <= max);
    }

    public long longValue(String name, long defaultValue, long min, long max) {
        return parse(name, defaultValue, Long::parseLong, "an integer from " + min + " to " + max,
                v -> v >= min && v <= max);
    }

    public boolean bool(String name, boolean defaultValue) {
        return parse(name, defaultValue, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        }, "true or false", v -> true);
    }

    /** An ISO-8601 duration such as {@code PT30S}, or a plain number of milliseconds. */
    public Duration duration(String name, Duration defaultValue) {
        return parse(name, defaultValue, Env::parseDuration, "an ISO-8601 duration such as PT30S, or milliseconds",
                d -> !d.isNegative());
    }

    /** One of the enum's constants, matched case-insensitively with '-' accepted for '_'. */
    public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
        return parse(name, defaultValue,
                s -> Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_')),
                "one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT), v -> true);
    }

    /**
     * A value read by {@code parser}, which throws {@link IllegalArgumentException} for text it does not accept;
     * such text is a problem reported as for every other variable, with {@code expected}.
     */
    public <T> T value(String name, T defaultValue, Function<String, T> parser, String expected) {
        return parse(name, defaultValue, parser, expected, v -> true);
    }

    /** A comma-separated list, blanks dropped; empty if unset. */
    public List<String> list(String name) {
        return optional(name)
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * Every variable starting with {@code prefix}, turned into a Kafka property: the rest of the name lower-cased
     * with '_' as '.', e.g. {@code KAFKA_COMMIT_INTERVAL_MS=100} with prefix {@code KAFKA_} gives
     * {@code commit.interval.ms=100}.
     */
    public Map<String, String> kafkaProperties(String prefix) {
        Map<String, String> props = new TreeMap<>();
        vars.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length() && !k.endsWith("_FILE")) {
                props.put(k.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        return props;
    }

    /** Records a problem found by the caller (a cross-field check). */
    public void problem(String message) {
        problems.add(message);
    }

    /** Throws a {@link SettingsException} listing every problem met so far, if any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new SettingsException(problems);
        }
    }

    private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected,
                        java.util.function.Predicate<T> valid) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            T value = parser.apply(raw.get());
            if (valid.test(value)) {
                return value;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // reported below
        }
        problems.add(name + "='" + raw.get() + "' is invalid: expected " + expected);
        return defaultValue;
    }

    private static Duration parseDuration(String s) {
        if (s.chars().allMatch(Character::isDigit)) {
            return Duration.ofMillis(Long.parseLong(s));
        }
        return Duration.parse(s.toUpperCase(Locale.ROOT));
    }
}
