package uk.ac.lsst.pipeline.spec;

import java.util.List;

/**
 * What a pipeline file may say of a stage of one type: its id (the {@code type:} of the file, and the stage's
 * default name and consumer group) and the topic roles it reads and writes. A role becomes the stage's variables
 * {@code <ROLE>_TOPIC} and {@code <ROLE>_PARTITIONS} ({@link uk.ac.lsst.pipeline.config.TopicUse}).
 *
 * @param id             e.g. {@code crossmatch-service}
 * @param inputRoles     topic roles it reads on its input buffer
 * @param outputRoles    topic roles it writes on its output buffer
 * @param readsUpstream  true when it reads the surveys' topics, by list or pattern, instead of roles
 */
public record StageKind(String id, List<String> inputRoles, List<String> outputRoles, boolean readsUpstream) {

    /** A stage the pipeline does not run itself (another language, another team): any roles. */
    public static final StageKind EXTERNAL = new StageKind("external", List.of(), List.of(), false);

    public StageKind {
        inputRoles = List.copyOf(inputRoles);
        outputRoles = List.copyOf(outputRoles);
    }
}
