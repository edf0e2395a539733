package uk.ac.lsst.pipeline.features;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@link ObjectFeatures} as JSON: the field names of the records, NaN written as {@code null} (JSON has no NaN)
 * and {@code null} read back as NaN, so that a round trip gives equal features. Unknown fields are ignored on
 * reading. Thread-safe.
 */
public final class FeaturesJson {
    private static final ObjectMapper MAPPER = newMapper();

    private FeaturesJson() {
    }

    /** The features as UTF-8 JSON. */
    public static byte[] write(ObjectFeatures features) {
        try {
            return MAPPER.writeValueAsBytes(features);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write features as JSON", e);
        }
    }

    /**
     * Features read from JSON written by {@link #write} (or by any writer of the same layout).
     *
     * @throws IllegalArgumentException naming the problem when the bytes are not JSON of that layout
     */
    public static ObjectFeatures read(byte[] json) {
        try {
            return MAPPER.readValue(json, ObjectFeatures.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a features JSON object: " + e.getMessage(), e);
        }
    }

    /** The mapper: NaN as null and back; for callers that embed features in a larger record. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper newMapper() {
        SimpleModule nanAsNull = new SimpleModule("nan-as-null");
        JsonSerializer<Double> writer = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value == null || !Double.isFinite(value)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        JsonDeserializer<Double> reader = new JsonDeserializer<>() {
            @Override
            public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    return p.getDoubleValue();
                }
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }

            @Override
            public Double getNullValue(DeserializationContext ctxt) {
                return Double.NaN;
            }
        };
        nanAsNull.addSerializer(Double.class, writer);
        nanAsNull.addSerializer(double.class, writer);
        nanAsNull.addDeserializer(Double.class, reader);
        nanAsNull.addDeserializer(double.class, reader);
        return new ObjectMapper()
                .registerModule(nanAsNull)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
