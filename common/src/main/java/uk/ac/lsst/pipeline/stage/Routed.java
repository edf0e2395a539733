package uk.ac.lsst.pipeline.stage;

/**
 * The outcome of processing one record: a value for the stage's output, or a dead letter carrying the original
 * bytes and the reason. Expected bad input is a domain result, not an exception.
 */
public sealed interface Routed<V> {

    static <V> Routed<V> ok(V value) {
        return new Ok<>(value);
    }

    /**
     * @param key    the original key bytes (may be null)
     * @param value  the original value bytes (may be null)
     * @param reason short kebab-case reason, e.g. {@code corrupt}, {@code no-position}
     * @param detail a human-readable explanation
     */
    static <V> Routed<V> dead(byte[] key, byte[] value, String reason, String detail) {
        return new Dead<>(key, value, reason, detail);
    }

    record Ok<V>(V value) implements Routed<V> {
    }

    record Dead<V>(byte[] key, byte[] value, String reason, String detail) implements Routed<V> {
    }
}
