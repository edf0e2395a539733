package uk.ac.lsst.pipeline.filter.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a filter writes for each matching alert. Its JSON form is the lower-case {@link #jsonName()}. */
public enum OutputLevel {
    /** Only the identifiers: alertId, alertIdString, objectId, objectIdNumber, survey, mjd and the filter key. */
    IDS("ids"),
    /** The annotated record without its photometry history. */
    RECORD("record"),
    /** The annotated record with its photometry history. */
    FULL("full");

    private final String jsonName;

    OutputLevel(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static OutputLevel parse(String value) {
        for (OutputLevel level : values()) {
            if (level.jsonName.equals(value)) {
                return level;
            }
        }
        String accepted = Arrays.stream(values()).map(OutputLevel::jsonName).collect(Collectors.joining(", "));
        String hint = value != null && !value.equals(value.toLowerCase(Locale.ROOT)) ? " (lower case)" : "";
        throw new IllegalArgumentException("outputLevel '" + value + "' is not one of " + accepted + hint);
    }
}
