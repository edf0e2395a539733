package uk.ac.lsst.pipeline.spec;

import java.util.List;
import java.util.Map;

/**
 * One stage of a pipeline file.
 *
 * @param name     its name in the file
 * @param type     what it runs: the id of a stage type ({@link StageKind#id}), e.g. {@code crossmatch-service}
 * @param group    its consumer group (the Kafka Streams application id) on its input buffer
 * @param input    the buffer and topics it reads
 * @param output   the buffer and topics it writes
 * @param threads  stream threads per instance
 * @param replicas instances (compose services, Kubernetes replicas)
 * @param settings the stage's own variables (catalogues, thumbnail directory, ...), in file order
 * @param line     line of the stage in the file
 */
public record StageSpec(String name, String type, String group, Endpoint input, Endpoint output, int threads,
                        int replicas, Map<String, String> settings, int line) {

    public StageSpec {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }

    /**
     * A buffer and topics on it.
     *
     * @param buffer       the buffer's name
     * @param topics       topic by role (e.g. {@code alerts -> alerts}), in file order
     * @param topicList    upstream topics read by name (buffer-ingest), empty otherwise
     * @param topicPattern upstream topics read by a regular expression (buffer-ingest), null otherwise
     */
    public record Endpoint(String buffer, Map<String, String> topics, List<String> topicList, String topicPattern) {
        public Endpoint {
            topics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(topics));
            topicList = List.copyOf(topicList);
        }

        /** Every topic named, by role or in the list (not those a pattern would match). */
        public List<String> namedTopics() {
            List<String> all = new java.util.ArrayList<>(topics.values());
            all.addAll(topicList);
            return all;
        }
    }
}
