package uk.ac.lsst.pipeline.alert.files;

import java.nio.file.Path;

/**
 * A file found among alert files that is not an alert file, and why.
 *
 * @param path   the file
 * @param code   a short kebab-case reason, as dead-letter headers carry: {@code empty}, {@code unknown-format} or
 *               {@code unreadable}
 * @param reason what exactly is wrong with it, a phrase that reads after the path ("is empty", "starts with ...")
 */
public record AlertFileProblem(Path path, String code, String reason) {
    /** Reason code of a zero-length file. */
    public static final String EMPTY = "empty";
    /** Reason code of a file that is neither Avro OCF nor Confluent wire format. */
    public static final String UNKNOWN_FORMAT = "unknown-format";
    /** Reason code of a file that could not be read. */
    public static final String UNREADABLE = "unreadable";

    /** {@code <path>: <reason>}. */
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
