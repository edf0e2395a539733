package uk.ac.lsst.pipeline.stage;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic name paired with the serdes of its keys and values, so that no topology relies on default serdes.
 *
 * @param name       topic name
 * @param keySerde   serde of keys
 * @param valueSerde serde of values
 */
public record TopicDescriptor<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** {@code Consumed} for a source node called {@code processorName}. */
    public Consumed<K, V> consumed(String processorName) {
        return Consumed.with(keySerde, valueSerde).withName(processorName);
    }

    /** {@code Produced} for a sink node called {@code processorName}. */
    public Produced<K, V> produced(String processorName) {
        return Produced.with(keySerde, valueSerde).withName(processorName);
    }
}
