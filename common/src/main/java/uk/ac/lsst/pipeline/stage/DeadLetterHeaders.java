package uk.ac.lsst.pipeline.stage;

/**
 * Headers of a dead-letter record: why it was rejected and where it came from. Values are UTF-8 strings.
 */
public final class DeadLetterHeaders {
    /** short kebab-case reason, e.g. {@code corrupt}, {@code unknown-schema}, {@code no-position}. */
    public static final String REASON = "dlq.reason";
    /** human-readable explanation. */
    public static final String DETAIL = "dlq.detail";
    /** application id of the stage that rejected the record. */
    public static final String STAGE = "dlq.stage";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** epoch milliseconds at which the stage rejected it. */
    public static final String TIMESTAMP = "dlq.timestamp";
    /** the original length in bytes of a value cut to what the dead-letter topic takes (too-large messages). */
    public static final String TRUNCATED_FROM = "dlq.truncated.from";

    private DeadLetterHeaders() {
    }
}
