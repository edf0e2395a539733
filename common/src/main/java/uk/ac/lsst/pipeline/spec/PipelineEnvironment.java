package uk.ac.lsst.pipeline.spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.config.SettingsException;

/**
 * Lets a stage process take its settings from a pipeline file: with {@code PIPELINE_FILE} and {@code PIPELINE_STAGE}
 * set, the stage's variables come from the file ({@link StageEnvironment}), and every variable set (not blank) in the
 * process environment wins over them. Without {@code PIPELINE_FILE} the environment is used as it is.
 */
public final class PipelineEnvironment {
    public static final String STAGE_VARIABLE = "PIPELINE_STAGE";

    private PipelineEnvironment() {
    }

    /**
     * The variables a stage of type {@code kind} should read. The file is read knowing only this stage's type
     * (other stages of the file are taken on trust: their own processes check them).
     *
     * @throws SettingsException         if PIPELINE_STAGE is missing or names a stage of another type
     * @throws PipelineFileException     if the file is invalid
     */
    public static Map<String, String> resolve(Map<String, String> env, StageKind kind) {
        String file = env.get(PipelineSpec.FILE_VARIABLE);
        if (file == null || file.isBlank()) {
            return env;
        }
        String stage = env.get(STAGE_VARIABLE);
        PipelineSpec spec = PipelineSpec.load(Path.of(file.trim()), env, StageKinds.partial(List.of(kind)));
        String type = kind.id();
        if (stage == null || stage.isBlank()) {
            stage = spec.stages().values().stream().filter(s -> s.type().equals(type)).map(StageSpec::name)
                    .reduce((a, b) -> {
                        throw new SettingsException(List.of(STAGE_VARIABLE + " is missing: " + file
                                + " has several " + type + " stages (" + a + ", " + b + "); expected one name"));
                    })
                    .orElseThrow(() -> new SettingsException(List.of(STAGE_VARIABLE + " is missing and "
                            + file + " has no " + type + " stage")));
        }
        StageSpec s = spec.stages().get(stage.trim());
        if (s == null) {
            throw new SettingsException(List.of(STAGE_VARIABLE + "='" + stage + "' is not a stage of "
                    + file + ": expected one of " + spec.stages().keySet()));
        }
        if (!s.type().equals(type)) {
            throw new SettingsException(List.of(STAGE_VARIABLE + "='" + stage + "' is a " + s.type()
                    + " stage in " + file + ", but this is " + type));
        }
        Map<String, String> vars;
        try {
            vars = new HashMap<>(StageEnvironment.of(spec, s.name(), StageEnvironment.Secrets.RESOLVE, env));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(List.of(e.getMessage()));
        }
        // a variable set in the environment wins, unless it is blank (compose passes unset variables as empty)
        env.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                vars.put(k, v);
            }
        });
        return vars;
    }
}
