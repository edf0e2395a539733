package uk.ac.lsst.pipeline.text;

import java.util.Locale;

/**
 * Counts as a person reads them: "1 alert", "2 alerts", "1 match", "3 matches", "0 entries". Stateless.
 */
public final class Counts {
    private Counts() {
    }

    /**
     * {@code n} followed by the noun, in the plural unless {@code n} is 1 or -1. The plural is the English regular
     * one: {@code -es} after s, x, z, ch or sh, {@code -ies} for a consonant and y, else {@code -s}.
     *
     * @param singular a lower-case English noun in the singular ("alert", "match", "entry")
     */
    public static String of(long n, String singular) {
        return n + " " + (Math.abs(n) == 1 ? singular : plural(singular));
    }

    /** {@code n} followed by {@code singular} when n is 1 or -1, else by {@code plural} (irregular nouns). */
    public static String of(long n, String singular, String plural) {
        return n + " " + (Math.abs(n) == 1 ? singular : plural);
    }

    /** The regular English plural of a noun (see {@link #of(long, String)}). */
    public static String plural(String singular) {
        String lower = singular.toLowerCase(Locale.ROOT);
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("z") || lower.endsWith("ch")
                || lower.endsWith("sh")) {
            return singular + "es";
        }
        if (lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        return singular + "s";
    }
}
