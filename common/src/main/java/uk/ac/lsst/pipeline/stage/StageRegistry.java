package uk.ac.lsst.pipeline.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import uk.ac.lsst.pipeline.spec.StageKinds;

/**
 * The stages on the class path: every {@link Stage} listed in a {@code META-INF/services/uk.ac.lsst.pipeline.stage.Stage}
 * file. A service image carries one; the command line, the local runs and the system tests carry all of them and
 * iterate this registry. Stages that read the surveys' topics come first, then the others by id. Immutable.
 */
public final class StageRegistry {
    private final List<Stage<?>> stages;

    private StageRegistry(List<Stage<?>> stages) {
        List<Stage<?>> sorted = new ArrayList<>(stages);
        sorted.sort(Comparator.<Stage<?>, Boolean>comparing(s -> !s.kind().readsUpstream())
                .thenComparing(s -> s.kind().id()));
        this.stages = List.copyOf(sorted);
    }

    /** The stages found by {@link ServiceLoader} on the class path of this class. */
    public static StageRegistry load() {
        List<Stage<?>> found = new ArrayList<>();
        for (Stage<?> s : ServiceLoader.load(Stage.class, StageRegistry.class.getClassLoader())) {
            found.add(s);
        }
        return new StageRegistry(found);
    }

    /** Exactly these stages. */
    public static StageRegistry of(List<Stage<?>> stages) {
        return new StageRegistry(stages);
    }

    /** Every stage, upstream readers first. */
    public List<Stage<?>> stages() {
        return stages;
    }

    public Optional<Stage<?>> find(String id) {
        return stages.stream().filter(s -> s.kind().id().equals(id)).findFirst();
    }

    /**
     * @throws IllegalArgumentException naming the stages there are, when there is none of this id
     */
    public Stage<?> get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no stage of type '" + id + "' here: "
                + "expected one of " + ids()));
    }

    /** The ids of the stages, in registry order. */
    public List<String> ids() {
        return stages.stream().map(s -> s.kind().id()).toList();
    }

    /** The stage types for reading pipeline files: these and no others. */
    public StageKinds kinds() {
        return StageKinds.complete(stages.stream().map(Stage::kind).toList());
    }
}
