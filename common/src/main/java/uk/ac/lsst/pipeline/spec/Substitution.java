package uk.ac.lsst.pipeline.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell- and compose-style variable substitution in a value: {@code ${NAME}} takes the variable NAME,
 * {@code ${NAME:-default}} takes the default when NAME is unset or empty, {@code ${NAME-default}} only when it is
 * unset. Stateless.
 */
public final class Substitution {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)-([^}]*))?}");

    /**
     * @param value the value with every variable replaced (an unset variable without a default: empty)
     * @param unset the variables used without a default that were not set, in order of use
     */
    public record Result(String value, List<String> unset) {
        public Result {
            unset = List.copyOf(unset);
        }
    }

    private Substitution() {
    }

    /** Replaces every variable of {@code text} from {@code env}. */
    public static Result apply(String text, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        List<String> unset = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            String value = env.get(name);
            boolean hasDefault = m.group(3) != null;
            boolean emptyCounts = ":".equals(m.group(2));
            if (hasDefault && (value == null || (emptyCounts && value.isEmpty()))) {
                value = m.group(3);
            }
            if (value == null) {
                unset.add(name);
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return new Result(out.toString(), unset);
    }

    /** The text with every variable replaced by its default, as where no variable is set. */
    public static String defaults(String text) {
        return apply(text, Map.of()).value();
    }

    /** The name of the variable when {@code text} is exactly one {@code ${...}}, else null. */
    public static String variableName(String text) {
        Matcher m = VARIABLE.matcher(text.trim());
        return m.matches() ? m.group(1) : null;
    }
}
