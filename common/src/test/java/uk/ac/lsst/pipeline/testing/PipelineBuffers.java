package uk.ac.lsst.pipeline.testing;

import java.util.Map;

/**
 * The two buffers the science stages run between, for integration tests: an ingest buffer and a science buffer,
 * each a {@link TestBuffer} of its own holding the topics that the project's pipeline file declares on it. Close it
 * once.
 *
 * @param ingest  the ingest buffer (alerts, compact alerts, watch lists)
 * @param science the science buffer (the stages' results and dead letters)
 */
public record PipelineBuffers(TestBuffer ingest, TestBuffer science) implements AutoCloseable {

    /**
     * Starts both buffers and creates their topics, with the pipeline file's variables taken from {@code env}
     * (e.g. {@code ALERTS_PARTITIONS}).
     */
    public static PipelineBuffers start(Map<String, String> env) {
        TestBuffer ingest = TestBuffer.start();
        TestBuffer science = TestBuffer.start();
        ingest.createPipelineTopics("ingest", env);
        science.createPipelineTopics("science", env);
        return new PipelineBuffers(ingest, science);
    }

    @Override
    public void close() {
        try {
            ingest.close();
        } finally {
            science.close();
        }
    }
}
