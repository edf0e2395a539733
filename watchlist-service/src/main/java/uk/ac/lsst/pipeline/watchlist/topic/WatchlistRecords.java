package uk.ac.lsst.pipeline.watchlist.topic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * Values of the watch-lists topic, UTF-8 JSON: a {@link WatchlistInfo} under a metadata key, a
 * {@link WatchlistSource} ({@code name, raDeg, decDeg, radiusArcsec}) under a source key, and a tombstone (null
 * value) to delete either. Stateless.
 */
public final class WatchlistRecords {
    /** Jackson's fast double parser and writer: a million source records are read at every start-up. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private WatchlistRecords() {
    }

    public static byte[] key(WatchlistKey key) {
        return key.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] value(WatchlistInfo info) {
        return JsonSerde.write(info);
    }

    /** {@code {"name":...,"raDeg":...,"decDeg":...,"radiusArcsec":...}}; the source must be valid (finite numbers). */
    public static byte[] value(WatchlistSource source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", source.name());
            g.writeNumberField("raDeg", source.raDeg());
            g.writeNumberField("decDeg", source.decDeg());
            g.writeNumberField("radiusArcsec", source.radiusArcsec());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a metadata record */
    public static WatchlistInfo info(byte[] value) {
        try {
            WatchlistInfo info = JsonSerde.read(value, WatchlistInfo.class);
            if (info.id() == null || info.sourceCount() < 0) {
                throw new IllegalArgumentException("metadata record without id or with a negative sourceCount");
            }
            return info;
        } catch (SerializationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Reads a source record with Jackson's streaming parser (a service reads a million of them at start-up: this is
     * several times faster than data binding); unknown fields are skipped.
     *
     * @throws IllegalArgumentException when the bytes are not a valid source record
     */
    public static WatchlistSource source(byte[] value) {
        String name = null;
        double ra = Double.NaN;
        double dec = Double.NaN;
        double radius = Double.NaN;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("source record is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "name" -> name = token == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "raDeg" -> ra = token.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "decDeg" -> dec = token.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    case "radiusArcsec" -> radius = token.isNumeric() ? p.getDoubleValue() : Double.NaN;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("source record is not valid JSON: " + e.getMessage(), e);
        }
        WatchlistSource source = new WatchlistSource(name, ra, dec, radius);
        String problem = source.problem();
        if (problem != null) {
            throw new IllegalArgumentException("source record " + name + ": " + problem);
        }
        return source;
    }
}
