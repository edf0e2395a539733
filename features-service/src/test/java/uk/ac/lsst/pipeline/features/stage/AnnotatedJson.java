package uk.ac.lsst.pipeline.features.stage;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import uk.ac.lsst.pipeline.features.FeaturesJson;
import uk.ac.lsst.pipeline.features.ObjectFeatures;

/** Reads annotated records (JSON values of {@code annotated-alerts}) in tests. */
final class AnnotatedJson {
    private AnnotatedJson() {
    }

    static JsonNode tree(byte[] value) {
        try {
            return FeaturesJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record's {@code features}, nulls read back as NaN, so that they compare equal to computed ones. */
    static ObjectFeatures features(byte[] value) {
        try {
            return FeaturesJson.mapper().treeToValue(tree(value).get("features"), ObjectFeatures.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long alertId(byte[] value) {
        return tree(value).get("alertId").asLong();
    }
}
