package uk.ac.lsst.pipeline.crossmatch.classify;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What kind of astronomical source a catalogue row is, as far as classification cares. Each catalogue maps the
 * values of its type column onto these (see {@link #defaultFor(String)}).
 */
public enum SourceKind {
    /** a star (in our Galaxy): a variable star if an alert sits on it. */
    STAR,
    /** a galaxy: nuclear transient on its nucleus, supernova candidate off it. */
    GALAXY,
    /** a quasar or other active galactic nucleus. */
    QSO,
    /** anything else, or a type value the mapping does not know. */
    OTHER;

    private static final Map<String, SourceKind> DEFAULTS = Map.of(
            "STAR", STAR, "GALAXY", GALAXY, "GAL", GALAXY, "QSO", QSO, "AGN", QSO);

    /**
     * The kind of a type value by default: {@code STAR}; {@code GALAXY} or {@code GAL}; {@code QSO} or {@code AGN};
     * case-insensitive, anything else {@link #OTHER}. These cover SDSS's {@code class} column.
     */
    public static SourceKind defaultFor(String typeValue) {
        return typeValue == null ? OTHER
                : DEFAULTS.getOrDefault(typeValue.trim().toUpperCase(Locale.ROOT), OTHER);
    }

    /** Parses a kind name, case-insensitively; {@code AGN} is accepted for {@link #QSO}. */
    public static Optional<SourceKind> parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.equals("AGN")) {
            return Optional.of(QSO);
        }
        for (SourceKind k : values()) {
            if (k.name().equals(n)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
