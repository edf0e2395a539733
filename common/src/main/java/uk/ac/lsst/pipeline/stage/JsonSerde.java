package uk.ac.lsst.pipeline.stage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serdes for the small records stages publish (readable from any language, by kcat, Python or R).
 * Non-finite doubles are written as {@code null}, since JSON has no NaN; unknown fields are ignored on reading.
 * Thread-safe.
 */
public final class JsonSerde {
    private static final ObjectMapper MAPPER = newMapper();

    private JsonSerde() {
    }

    /** A serde of {@code type} (a record or bean) as UTF-8 JSON. */
    public static <T> Serde<T> of(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : write(value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes, type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The mapper used for every stage output, for callers that write JSON elsewhere (files, HTTP). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new SerializationException("cannot read JSON as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static ObjectMapper newMapper() {
        SimpleModule finiteDoubles = new SimpleModule("finite-doubles");
        JsonSerializer<Double> nanAsNull = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value == null || !Double.isFinite(value)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        finiteDoubles.addSerializer(Double.class, nanAsNull);
        finiteDoubles.addSerializer(double.class, nanAsNull);
        return new ObjectMapper()
                .registerModule(finiteDoubles)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
