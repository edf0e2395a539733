package uk.ac.lsst.pipeline.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of stage a pipeline file may name, with the topic roles each reads and writes. A role {@code r} becomes
 * the stage's variable {@code R_TOPIC} ({@code dead-letters} becomes {@code DEAD_LETTER_TOPIC}).
 */
public enum StageType {
    BUFFER_INGEST("buffer-ingest", List.of(), List.of("alerts", "dead-letters")),
    CROSSMATCH_SERVICE("crossmatch-service", List.of("alerts"), List.of("crossmatch", "dead-letters")),
    WATCHLIST_SERVICE("watchlist-service", List.of("alerts", "watchlists"), List.of("hits", "dead-letters")),
    THUMBNAIL_SERVICE("thumbnail-service", List.of("alerts"), List.of("thumbnails", "dead-letters")),
    /** A stage the pipeline does not run itself (another language, another team): any roles. */
    EXTERNAL("external", List.of(), List.of());

    private final String id;
    private final List<String> inputRoles;
    private final List<String> outputRoles;

    StageType(String id, List<String> inputRoles, List<String> outputRoles) {
        this.id = id;
        this.inputRoles = inputRoles;
        this.outputRoles = outputRoles;
    }

    /** The name used in pipeline files and by {@code pipeline stage}. */
    public String id() {
        return id;
    }

    /** Input topic roles a stage of this type needs (buffer-ingest reads upstream topics by list or pattern). */
    public List<String> inputRoles() {
        return inputRoles;
    }

    /** Output topic roles a stage of this type needs. */
    public List<String> outputRoles() {
        return outputRoles;
    }

    public static Optional<StageType> of(String id) {
        for (StageType t : values()) {
            if (t.id.equals(id.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The variable that names the topic of a role: {@code hits} gives {@code HITS_TOPIC}. */
    public static String topicVariable(String role) {
        return role.equals("dead-letters") ? "DEAD_LETTER_TOPIC"
                : role.toUpperCase(Locale.ROOT).replace('-', '_') + "_TOPIC";
    }

    /** Every type's id, for error messages. */
    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(StageType::id).toList();
    }
}
