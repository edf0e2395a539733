package uk.ac.lsst.pipeline.spec;

import java.util.Map;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * One buffer of a pipeline file: a Kafka cluster and the topics the pipeline keeps on it.
 *
 * @param name        the buffer's name in the file ({@code upstream}, {@code ingest}, {@code science}, ...)
 * @param bootstrap   host:port[,host:port...]
 * @param managed     whether {@code pipeline apply} manages its topics (false for the surveys' own servers)
 * @param replication default replicas of its topics, -1 for the brokers' default
 * @param security    how to connect
 * @param properties  other Kafka client properties for every client of this buffer (e.g. {@code client.rack})
 * @param topics      the topics by name, in file order
 * @param line        line of the buffer in the file
 */
public record BufferSpec(String name, String bootstrap, boolean managed, short replication, BufferSecurity security,
                         Map<String, String> properties, Map<String, TopicSpec> topics, int line) {

    public BufferSpec {
        properties = Map.copyOf(properties);
        topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topics));
    }

    /** The same buffer at another address (a local run that starts its own brokers). */
    public BufferSpec withBootstrap(String servers) {
        return new BufferSpec(name, servers, managed, replication, security, properties, topics, line);
    }
}
