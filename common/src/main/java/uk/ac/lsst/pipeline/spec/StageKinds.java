package uk.ac.lsst.pipeline.spec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stage types a reader of pipeline files knows. A complete set (the command line, which carries every stage)
 * refuses a type it does not know; a partial one (a stage's own process, which carries only its own stage) takes
 * any other type on trust and checks only its shape. {@code external} is always known. Immutable.
 */
public final class StageKinds {
    private final Map<String, StageKind> kinds;
    private final boolean complete;

    private StageKinds(Collection<StageKind> kinds, boolean complete) {
        Map<String, StageKind> map = new LinkedHashMap<>();
        kinds.forEach(k -> map.put(k.id(), k));
        map.put(StageKind.EXTERNAL.id(), StageKind.EXTERNAL);
        this.kinds = Map.copyOf(map);
        this.complete = complete;
    }

    /** Every type there is: any other is an error. */
    public static StageKinds complete(Collection<StageKind> kinds) {
        return new StageKinds(kinds, true);
    }

    /** Some types: others are accepted without their roles being checked. */
    public static StageKinds partial(Collection<StageKind> kinds) {
        return new StageKinds(kinds, false);
    }

    public Optional<StageKind> find(String id) {
        return Optional.ofNullable(kinds.get(id));
    }

    /** True when a type that {@link #find} does not know is an error. */
    public boolean complete() {
        return complete;
    }

    /** The ids known, sorted, for messages. */
    public List<String> ids() {
        return kinds.keySet().stream().sorted().toList();
    }
}
