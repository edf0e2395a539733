package uk.ac.lsst.pipeline.filter.definition;

/**
 * The identity of a filter: its owner and its name, both following {@link Names}. Written {@code <owner>/<name>}: the
 * key of its record in the filters topic and the value of field {@code filter} in its output. Immutable.
 */
public record FilterKey(String owner, String name) {

    /** @throws IllegalArgumentException saying which part was wrong and what is expected */
    public FilterKey {
        String ownerProblem = Names.problem("owner", owner);
        String nameProblem = Names.problem("name", name);
        if (ownerProblem != null || nameProblem != null) {
            throw new IllegalArgumentException(ownerProblem == null ? nameProblem
                    : nameProblem == null ? ownerProblem : ownerProblem + "; " + nameProblem);
        }
    }

    /**
     * @param key {@code <owner>/<name>}
     * @throws IllegalArgumentException when {@code key} is not of that form
     */
    public static FilterKey parse(String key) {
        if (key == null) {
            throw new IllegalArgumentException("filter key is missing; expected <owner>/<name>");
        }
        int slash = key.indexOf('/');
        if (slash < 0 || key.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("filter key '" + key + "' is not <owner>/<name> (one '/')");
        }
        return new FilterKey(key.substring(0, slash), key.substring(slash + 1));
    }

    @Override
    public String toString() {
        return owner + "/" + name;
    }
}
