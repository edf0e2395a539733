package uk.ac.lsst.pipeline.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static uk.ac.lsst.pipeline.features.LightCurves.alert;
import static uk.ac.lsst.pipeline.features.LightCurves.detection;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeaturesJsonTest {
    private static final List<String> OBJECT_FIELDS = List.of("nDetections", "nPositive", "nDetections7d",
            "nDetections14d", "firstMjd", "lastMjd", "daysSinceFirstDetection", "colourGR", "rateSincePrevious",
            "rateSincePeak", "peakMagnitude", "u", "g", "r", "i", "z", "y");
    private static final List<String> BAND_FIELDS = List.of("nDetections", "nPositive", "nDetections7d",
            "nDetections14d", "firstMjd", "lastMjd", "latestMagnitude", "latestFluxNJy", "peakMagnitude", "peakMjd",
            "rateSincePrevious", "rateSincePeak");

    private final ObjectFeatures features = new FeatureCalculator().update(null, alert(detection(100, "g", 18, true),
            List.of(detection(99.8, "r", 17.7, true), detection(95, "g", 18.4, true)))).features();

    @Test
    void shouldWriteTheDocumentedFieldNamesWithEveryBand() throws Exception {
        JsonNode json = FeaturesJson.mapper().readTree(FeaturesJson.write(features));

        assertThat(names(json)).containsExactlyElementsOf(OBJECT_FIELDS);
        for (String band : Bands.ALL) {
            assertThat(names(json.get(band))).as(band).containsExactlyElementsOf(BAND_FIELDS);
        }
        assertThat(json.get("nDetections").asInt()).isEqualTo(3);
        assertThat(json.get("colourGR").asDouble()).isCloseTo(0.3, within(1e-6));
        assertThat(json.get("g").get("nDetections").asInt()).isEqualTo(2);
    }

    @Test
    void shouldWriteUndefinedNumbersAsNullAndBandsWithoutDetectionsAsZerosAndNulls() throws Exception {
        JsonNode json = FeaturesJson.mapper().readTree(FeaturesJson.write(features));

        assertThat(json.get("g").get("latestFluxNJy").isNull()).isTrue();
        assertThat(json.get("r").get("rateSincePrevious").isNull()).isTrue();
        JsonNode u = json.get("u");
        assertThat(u.get("nDetections").asInt()).isZero();
        assertThat(u.get("nPositive").asInt()).isZero();
        for (String field : BAND_FIELDS.subList(4, BAND_FIELDS.size())) {
            assertThat(u.get(field).isNull()).as(field).isTrue();
        }
        assertThat(new String(FeaturesJson.write(features), StandardCharsets.UTF_8)).doesNotContain("NaN");
    }

    @Test
    void shouldReadBackEqualFeaturesWithNullAsNaN() {
        assertThat(FeaturesJson.read(FeaturesJson.write(features))).isEqualTo(features);
    }

    @Test
    void shouldNameTheProblemWhenTheJsonIsNotFeatures() {
        assertThatThrownBy(() -> FeaturesJson.read("{\"nDetections\": \"many\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("features JSON");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
