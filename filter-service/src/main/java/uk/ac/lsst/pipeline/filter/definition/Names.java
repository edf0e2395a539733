package uk.ac.lsst.pipeline.filter.definition;

/**
 * The rule for owner and filter names: 1 to {@value #MAX_LENGTH} characters from {@code a-z}, {@code 0-9},
 * {@code _} and {@code -}, the first a letter or digit ({@code [a-z0-9][a-z0-9_-]*}). Such names are safe in keys,
 * topic names and URLs. Stateless.
 */
public final class Names {
    /** Longest owner or filter name. */
    public static final int MAX_LENGTH = 64;

    static final String EXPECTED = "1 to " + MAX_LENGTH
            + " characters from a-z, 0-9, '_' and '-', starting with a letter or digit";

    private Names() {
    }

    /**
     * @param what  "owner" or "name", for the message
     * @param value the candidate
     * @return null when {@code value} follows the rule, otherwise what was wrong and what is expected
     */
    public static String problem(String what, String value) {
        if (value == null) {
            return what + " is missing; expected " + EXPECTED;
        }
        if (value.isEmpty()) {
            return what + " is empty; expected " + EXPECTED;
        }
        if (value.length() > MAX_LENGTH) {
            return what + " '" + abbreviate(value) + "' is " + value.length() + " characters long; expected " + EXPECTED;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (i == 0 && !alphanumeric) {
                return what + " '" + value + "' starts with '" + c + "'; expected " + EXPECTED;
            }
            if (!alphanumeric && c != '_' && c != '-') {
                String hint = c >= 'A' && c <= 'Z' ? " (upper case)" : "";
                return what + " '" + value + "' has '" + c + "'" + hint + " at position " + (i + 1) + "; expected "
                        + EXPECTED;
            }
        }
        return null;
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 17) + "...";
    }
}
