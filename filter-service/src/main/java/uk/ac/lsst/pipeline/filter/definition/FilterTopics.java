package uk.ac.lsst.pipeline.filter.definition;

import java.util.Optional;

/**
 * Names the topic of each filter: {@code filter-<owner>-<name>}, where every {@code -} of the owner is doubled
 * ({@code alice}/{@code bright-sn} gives {@code filter-alice-bright-sn}; {@code lsst-uk}/{@code sn} gives
 * {@code filter-lsst--uk-sn}). The separator is the first single {@code -} after the prefix, and a name never starts
 * with {@code -}, so the mapping is one-to-one: two different filters can never share a topic, and
 * {@link #key(String)} recovers the filter from its topic. Names use neither {@code .} nor upper case, so no two
 * filter topics collide in Kafka's metric names either. The longest topic is 7 + 128 + 1 + 64 = 200 characters, within
 * Kafka's 249. Stateless.
 *
 * <p>Every topic whose name starts with {@value #PREFIX} and parses as above belongs to a filter; the stage's own
 * topics (filter definitions, dead letters) must lie outside this namespace, see {@link #isFilterNamespace(String)}.
 */
public final class FilterTopics {
    /** The prefix of every filter topic. */
    public static final String PREFIX = "filter-";

    private FilterTopics() {
    }

    /** The topic of filter {@code key}. */
    public static String topic(FilterKey key) {
        return PREFIX + key.owner().replace("-", "--") + "-" + key.name();
    }

    /** The filter whose topic is {@code topic}, if it is one. */
    public static Optional<FilterKey> key(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        StringBuilder owner = new StringBuilder();
        int i = PREFIX.length();
        while (i < topic.length()) {
            char c = topic.charAt(i);
            if (c != '-') {
                owner.append(c);
                i++;
            } else if (i + 1 < topic.length() && topic.charAt(i + 1) == '-') {
                owner.append('-');
                i += 2;
            } else {
                try {
                    return Optional.of(new FilterKey(owner.toString(), topic.substring(i + 1)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code topic} is, or could one day be, the topic of some filter: the stage refuses to use such a name
     * for a topic of its own.
     */
    public static boolean isFilterNamespace(String topic) {
        return key(topic).isPresent();
    }
}
