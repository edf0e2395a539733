package uk.ac.lsst.pipeline.spec;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Typed reading of the nodes of one YAML document: every value is substituted ({@link Substitution}) and checked,
 * and every problem is recorded with its line instead of thrown, so that one reading reports them all. Not
 * thread-safe: one per document.
 */
final class YamlNodes {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    /** Line of the key of each value met so far: a problem with a whole entry is reported at its key. */
    private final Map<Node, Integer> keyLines = new IdentityHashMap<>();

    YamlNodes(Map<String, String> env) {
        this.env = env;
    }

    /** Every problem recorded so far, in order. */
    List<String> problems() {
        return problems;
    }

    void problem(Node at, String message) {
        problems.add("line " + line(at) + ": " + message);
    }

    /** The entries of a mapping in file order, or null (recorded) when it is not one; keys outside {@code allowed} are problems. */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mn)) {
            problem(node, what + ": expected a map of key: value");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problem(t.getKeyNode(), what + ": a key must be a plain name");
                continue;
            }
            if (out.containsKey(k.getValue())) {
                problem(k, what + ": duplicate key " + k.getValue());
                continue;
            }
            if (allowed != null && !allowed.contains(k.getValue())) {
                problem(k, what + ": unknown key '" + k.getValue() + "': expected one of " + new TreeSet<>(allowed));
                continue;
            }
            out.put(k.getValue(), t.getValueNode());
            keyLines.put(t.getValueNode(), line(k));
        }
        return out;
    }

    /** A single value with its variables substituted, or null (recorded) when it is not one, is empty or uses an unset variable. */
    String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            problem(node, what + ": expected a single value");
            return null;
        }
        Substitution.Result r = Substitution.apply(s.getValue(), env);
        for (String name : r.unset()) {
            problem(node, what + " uses ${" + name + "}, which is not set: set the variable or give a default as ${"
                    + name + ":-value}");
        }
        if (!r.unset().isEmpty()) {
            return null;
        }
        String value = r.value().trim();
        if (value.isEmpty()) {
            problem(node, what + " is empty");
            return null;
        }
        return value;
    }

    Integer integer(Node node, String what, int min, int max) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                problem(node, what + " is " + v + ": expected " + min + ".." + max);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problem(node, what + " is '" + s + "': expected a whole number " + min + ".." + max);
            return null;
        }
    }

    /** A replication factor: -1 (the brokers' default) or 1..32. */
    Integer replication(Node node, String what) {
        Integer v = integer(node, what, -1, 32);
        if (v != null && v == 0) {
            problem(node, what + " is 0: expected -1 (the brokers' default) or 1..32");
            return null;
        }
        return v;
    }

    boolean bool(Node node, String what) {
        String s = scalar(node, what);
        if ("true".equalsIgnoreCase(s)) {
            return true;
        }
        if (s != null && !"false".equalsIgnoreCase(s)) {
            problem(node, what + " is '" + s + "': expected true or false");
        }
        return false;
    }

    /** A positive ISO-8601 duration, or -1 ms for {@code -1} / {@code forever}. */
    Duration duration(Node node, String what) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        if (s.equals("-1") || s.equalsIgnoreCase("forever")) {
            return Duration.ofMillis(-1);
        }
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative() || d.isZero()) {
                throw new DateTimeParseException("not positive", s, 0);
            }
            return d;
        } catch (DateTimeParseException e) {
            problem(node, what + " is '" + s + "': expected an ISO-8601 duration such as P7D or PT12H, or 'forever'");
            return null;
        }
    }

    /** The line of a node (of its key, for a value read through {@link #mapping}), 1-based. */
    int line(Node node) {
        Integer key = keyLines.get(node);
        if (key != null) {
            return key;
        }
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
