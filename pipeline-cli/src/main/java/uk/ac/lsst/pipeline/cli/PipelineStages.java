package uk.ac.lsst.pipeline.cli;

import java.util.List;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageSpec;

/** Finds the stage of a given type in a pipeline file, as a stage process does without PIPELINE_STAGE. Stateless. */
final class PipelineStages {
    private PipelineStages() {
    }

    /**
     * @param type the stage type, e.g. {@code filter-service}
     * @param name the stage's name in the file, or null for the only stage of that type
     * @throws IllegalArgumentException when {@code name} is not a stage of that type, or when {@code name} is null
     *                                  and the file has no stage of that type or several
     */
    static StageSpec ofType(PipelineSpec spec, String type, String name) {
        if (name != null) {
            StageSpec stage = spec.stage(name);
            if (!stage.type().equals(type)) {
                throw new IllegalArgumentException("--stage " + name + " is a " + stage.type() + " stage in "
                        + spec.source() + ", not a " + type + " stage");
            }
            return stage;
        }
        List<StageSpec> found = spec.stages().values().stream().filter(s -> s.type().equals(type)).toList();
        if (found.isEmpty()) {
            throw new IllegalArgumentException(spec.source() + " has no " + type + " stage");
        }
        if (found.size() > 1) {
            throw new IllegalArgumentException(spec.source() + " has several " + type + " stages ("
                    + String.join(", ", found.stream().map(StageSpec::name).toList()) + "): expected --stage NAME");
        }
        return found.get(0);
    }
}
