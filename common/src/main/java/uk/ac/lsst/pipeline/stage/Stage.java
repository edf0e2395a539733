package uk.ac.lsst.pipeline.stage;

import java.util.Map;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.spec.StageKind;

/**
 * One type of stage: what a pipeline file calls it, how it reads its settings, and how its topology is built.
 * {@link StageMain} runs any stage the same way (settings, start-up checks, health, metrics, shutdown), so a new
 * stage is one implementation of this interface, listed in its module's
 * {@code META-INF/services/uk.ac.lsst.pipeline.stage.Stage} ({@link StageRegistry}), plus its entry in the
 * pipeline file. Implementations are stateless and thread-safe.
 *
 * @param <S> the stage's settings
 */
public interface Stage<S extends StageConfig> {

    /** Its type: id (also the default application id) and the topic roles it reads and writes. */
    StageKind kind();

    /**
     * Reads the stage's settings from its variables. Every problem goes to {@code env} (the caller calls
     * {@link Env#check()}, which lists them all at once); the returned value is only used when there were none.
     */
    S settings(Env env);

    /**
     * Reads the settings from these variables.
     *
     * @throws uk.ac.lsst.pipeline.config.SettingsException listing every missing or invalid variable
     */
    default S settings(Map<String, String> vars) {
        Env env = new Env(vars);
        S settings = settings(env);
        env.check();
        return settings;
    }

    /**
     * Builds the topology from the settings and the context's clock and meters, loading what it needs first
     * (catalogues, an image store). The topology itself is a pure function of what it is given: no I/O happens
     * when it is built. What the parts hold open is closed when the stage stops.
     *
     * @throws StageStartException when something the settings name cannot be used (a catalogue that does not load)
     */
    StageParts build(S settings, StageContext context);
}
