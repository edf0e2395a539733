package uk.ac.lsst.pipeline.filter.stage;

import java.util.Map;

/**
 * Makes sure the topic of a filter exists on the output buffer, so that the stream threads can write to it once the
 * filter is active. Called from the global thread only, before the filter is activated; closed once, with its store.
 * {@link AdminTopicCreator} in a running stage; tests of the topology give their own.
 */
interface FilterTopicCreator extends AutoCloseable {

    /**
     * Creates {@code topic} unless it exists.
     *
     * @throws IllegalStateException when the buffer does not answer or refuses
     */
    void ensure(String topic);

    @Override
    void close();

    /** The creator of a running stage: an admin client of the buffer of {@code clientProperties}, with its settings. */
    static FilterTopicCreator onBuffer(Map<String, Object> clientProperties, FilterSettings settings) {
        return new AdminTopicCreator(clientProperties, settings);
    }
}
