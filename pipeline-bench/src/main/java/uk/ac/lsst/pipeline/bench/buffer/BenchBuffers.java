package uk.ac.lsst.pipeline.bench.buffer;

/**
 * The three buffers of one run and the names the run gives its topics and groups on them. Closing ends the run's
 * use of them: in-process buffers stop and their data is deleted; on a pipeline file's buffers the run's topics and
 * consumer groups are deleted, unless asked to keep them. Thread-safe as its parts are.
 *
 * @param description where the buffers are, one line for the progress and the report
 * @param upstream    where the alerts are replayed, read by buffer-ingest
 * @param ingest      buffer-ingest's output, read by the science stages
 * @param science     the science stages' output
 * @param names       the run's names of topics, application ids and consumer groups
 * @param release     what closing does
 */
public record BenchBuffers(String description, BenchBuffer upstream, BenchBuffer ingest, BenchBuffer science,
                           RunNames names, Runnable release) implements AutoCloseable {

    @Override
    public void close() {
        release.run();
    }
}
