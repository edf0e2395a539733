package uk.ac.lsst.pipeline.features.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link FeatureState} as Avro ({@code schema/lsst-uk/feature-state-1.avsc}) in single-object encoding: the bytes
 * name their schema by fingerprint, so a later version can read older states from the changelog. A round trip
 * gives an equal state. Thread-safe.
 */
public final class FeatureStateSerde {
    static final String RESOURCE = "/schema/lsst-uk/feature-state-1.avsc";
    private static final Schema SCHEMA = load();
    private static final Schema BAND = SCHEMA.getField("bands").schema().getElementType();
    private static final Schema DETECTION = SCHEMA.getField("kept").schema().getElementType();
    private static final Schema COLOUR_PAIR = SCHEMA.getField("colourPair").schema().getTypes().get(1);
    private static final BinaryMessageEncoder<GenericRecord> ENCODER =
            new BinaryMessageEncoder<>(GenericData.get(), SCHEMA);
    private static final BinaryMessageDecoder<GenericRecord> DECODER =
            new BinaryMessageDecoder<>(GenericData.get(), SCHEMA);

    private FeatureStateSerde() {
    }

    /** A Kafka serde of states (null stays null: a tombstone). */
    public static Serde<FeatureState> serde() {
        Serializer<FeatureState> serializer = (topic, state) -> state == null ? null : toBytes(state);
        Deserializer<FeatureState> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The schema states are written with. */
    public static Schema schema() {
        return SCHEMA;
    }

    public static byte[] toBytes(FeatureState state) {
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("sealedThroughMjd", state.sealedThroughMjd());
        List<GenericRecord> bands = new ArrayList<>();
        for (BandSummary band : state.bands()) {
            bands.add(band(band));
        }
        record.put("bands", bands);
        record.put("kept", state.kept().stream().map(FeatureStateSerde::detection).toList());
        record.put("colourPair", colourPair(state.colourPair()));
        try {
            ByteBuffer encoded = ENCODER.encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new SerializationException("cannot write the feature state", e);
        }
    }

    /**
     * @throws SerializationException when the bytes are not a feature state of a known schema version
     */
    public static FeatureState fromBytes(byte[] bytes) {
        GenericRecord record;
        try {
            record = DECODER.decode(bytes);
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("cannot read " + bytes.length + " bytes as a feature state ("
                    + "Avro single-object encoding of " + SCHEMA.getFullName() + " expected): " + e, e);
        }
        List<BandSummary> bands = new ArrayList<>();
        for (Object band : (List<?>) record.get("bands")) {
            bands.add(band((GenericRecord) band));
        }
        List<Detection> kept = new ArrayList<>();
        for (Object d : (List<?>) record.get("kept")) {
            kept.add(detection((GenericRecord) d));
        }
        return new FeatureState((Double) record.get("sealedThroughMjd"), bands, kept,
                colourPair((GenericRecord) record.get("colourPair")));
    }

    private static GenericRecord band(BandSummary band) {
        GenericRecord record = new GenericData.Record(BAND);
        record.put("band", band.band());
        record.put("sealedDetections", band.sealedDetections());
        record.put("sealedPositive", band.sealedPositive());
        record.put("firstMjd", band.firstMjd());
        record.put("lastMjd", band.lastMjd());
        record.put("peakMagnitude", (float) band.peakMagnitude());
        record.put("peakMjd", band.peakMjd());
        record.put("latestPositive", detection(band.latestPositive()));
        record.put("previousPositive", detection(band.previousPositive()));
        return record;
    }

    private static BandSummary band(GenericRecord record) {
        return new BandSummary(record.get("band").toString(), (Long) record.get("sealedDetections"),
                (Long) record.get("sealedPositive"), (Double) record.get("firstMjd"), (Double) record.get("lastMjd"),
                (Float) record.get("peakMagnitude"), (Double) record.get("peakMjd"),
                detection((GenericRecord) record.get("latestPositive")),
                detection((GenericRecord) record.get("previousPositive")));
    }

    private static GenericRecord colourPair(ColourPair pair) {
        if (pair == null) {
            return null;
        }
        GenericRecord record = new GenericData.Record(COLOUR_PAIR);
        record.put("g", detection(pair.g()));
        record.put("r", detection(pair.r()));
        return record;
    }

    private static ColourPair colourPair(GenericRecord record) {
        return record == null ? null : new ColourPair(detection((GenericRecord) record.get("g")),
                detection((GenericRecord) record.get("r")));
    }

    private static GenericRecord detection(Detection d) {
        if (d == null) {
            return null;
        }
        GenericRecord record = new GenericData.Record(DETECTION);
        record.put("mjd", d.mjd());
        record.put("band", d.band());
        record.put("magnitude", (float) d.magnitude());
        record.put("fluxNJy", (float) d.fluxNJy());
        record.put("positive", d.positive());
        return record;
    }

    private static Detection detection(GenericRecord record) {
        if (record == null) {
            return null;
        }
        return new Detection((Double) record.get("mjd"), record.get("band").toString(),
                (Float) record.get("magnitude"), (Float) record.get("fluxNJy"), (Boolean) record.get("positive"));
    }

    private static Schema load() {
        try (InputStream in = FeatureStateSerde.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("feature state schema " + RESOURCE + " is missing from the class path");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature state schema " + RESOURCE, e);
        }
    }
}
