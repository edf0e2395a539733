package uk.ac.lsst.pipeline.config;

import java.util.Locale;

/**
 * One topic a stage reads or writes, as its settings name it: its role in the stage ({@code alerts}, {@code hits},
 * {@code dead-letters}, ...), its name, and the partitions it must have (0: any). The topic's configuration is not
 * the stage's business: the pipeline file owns it and {@code pipeline apply} creates it.
 *
 * @param role       the role, as a pipeline file names it ({@code hits}); it gives the variables {@code HITS_TOPIC} and
 *                   {@code HITS_PARTITIONS} ({@code dead-letters}: {@code DEAD_LETTER_TOPIC})
 * @param name       the topic's name
 * @param partitions the partitions the stage expects, or 0 when any number will do
 */
public record TopicUse(String role, String name, int partitions) {

    /**
     * Reads {@code <ROLE>_TOPIC} (default {@code defaultName}) and {@code <ROLE>_PARTITIONS} (default 0: not
     * checked) of a role; problems go to {@code env}.
     */
    public static TopicUse fromEnv(Env env, String role, String defaultName) {
        return new TopicUse(role, env.string(topicVariable(role), defaultName),
                env.integer(partitionsVariable(role), 0, 0, 100_000));
    }

    /** The variable that names the topic of a role: {@code hits} gives {@code HITS_TOPIC}. */
    public static String topicVariable(String role) {
        return role.equals("dead-letters") ? "DEAD_LETTER_TOPIC" : prefix(role) + "_TOPIC";
    }

    /** The variable that gives the expected partitions of a role's topic: {@code hits} gives {@code HITS_PARTITIONS}. */
    public static String partitionsVariable(String role) {
        return prefix(role) + "_PARTITIONS";
    }

    private static String prefix(String role) {
        return role.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String toString() {
        return partitions > 0 ? name + " (" + partitions + " partitions)" : name;
    }
}
