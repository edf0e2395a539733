package uk.ac.lsst.pipeline.bench.buffer;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/** Where the buffers of a run come from: started in this JVM for the run alone, or those of a pipeline file. */
public sealed interface BufferSource {

    /** Gets the buffers of one run ready; progress goes to {@code out}. */
    BenchBuffers open(PrintStream out);

    /**
     * Fresh buffers in this JVM (upstream, ingest, science), stopped and deleted when the run closes them. Topics and
     * groups keep the bench's own names ({@link RunNames#NONE}).
     *
     * @param ingestBrokers brokers of the ingest buffer (the others have one)
     */
    record InProcess(int ingestBrokers) implements BufferSource {
        public InProcess {
            if (ingestBrokers < 1) {
                throw new IllegalArgumentException("the ingest buffer needs at least 1 broker, got " + ingestBrokers);
            }
        }

        @Override
        public BenchBuffers open(PrintStream out) {
            String description = String.format(Locale.ROOT, "in-process: upstream (1 broker), ingest (%d broker%s), "
                    + "science (1 broker)", ingestBrokers, ingestBrokers == 1 ? "" : "s");
            out.println("Starting buffers " + description + " ...");
            List<BenchBuffer> started = new ArrayList<>();
            try {
                started.add(BenchBuffer.start("upstream", 1));
                started.add(BenchBuffer.start("ingest", ingestBrokers));
                started.add(BenchBuffer.start("science", 1));
            } catch (RuntimeException | Error e) {
                stop(started);
                throw e;
            }
            return new BenchBuffers(description, started.get(0), started.get(1), started.get(2), RunNames.NONE,
                    () -> stop(started));
        }

        private static void stop(List<BenchBuffer> buffers) {
            List<BenchBuffer> reversed = new ArrayList<>(buffers);
            Collections.reverse(reversed);
            reversed.forEach(BenchBuffer::close);
        }
    }

    /**
     * The buffers of a pipeline file, found through its stages: the upstream buffer is buffer-ingest's input, the
     * ingest buffer its output, the science buffer crossmatch-service's output. They are used as they are, with
     * their security and client properties; every run gets a fresh {@link RunNames#fresh prefix} for its topics,
     * application ids and consumer groups, so it never reads, writes or commits on the pipeline's own, and deletes
     * them when closed unless {@code keepTopics}.
     *
     * @param source     the file, for messages
     * @param upstream   buffer-ingest's input buffer
     * @param ingest     buffer-ingest's output buffer
     * @param science    crossmatch-service's output buffer
     * @param keepTopics leave the run's topics and consumer groups on the buffers
     */
    record PipelineFile(String source, FileBuffer upstream, FileBuffer ingest, FileBuffer science,
                        boolean keepTopics) implements BufferSource {

        /**
         * The bench's buffers of {@code spec}, with secrets looked up in {@code env}.
         *
         * @throws IllegalArgumentException naming the file if it has no stage to find a buffer by, or several that
         *                                  disagree
         * @throws uk.ac.lsst.pipeline.config.SettingsException if a secret of one of the buffers is not set
         */
        public static PipelineFile of(PipelineSpec spec, StageRegistry registry, Map<String, String> env,
                                      boolean keepTopics) {
            StageSpec ingest = BufferRoles.ingest(spec, registry);
            String science = BufferRoles.scienceBuffer(spec, ingest);
            if (science == null) {
                throw new IllegalArgumentException("pipeline file " + spec.source() + " has no stage that reads "
                        + "buffer " + ingest.output().buffer() + " (crossmatch-service, ...): pipeline bench --file "
                        + "takes the science buffer from the output of such a stage");
            }
            return new PipelineFile(spec.source(), new FileBuffer(spec.buffer(ingest.input().buffer()), env,
                    spec.source()), new FileBuffer(spec.buffer(ingest.output().buffer()), env, spec.source()),
                    new FileBuffer(spec.buffer(science), env, spec.source()), keepTopics);
        }

        @Override
        public BenchBuffers open(PrintStream out) {
            String description = String.format(Locale.ROOT, "pipeline file %s: upstream = buffer %s at %s (%d "
                            + "broker(s)), ingest = buffer %s at %s (%d broker(s)), science = buffer %s at %s (%d "
                            + "broker(s))", source, upstream.name(), upstream.bootstrapServers(), upstream.brokers(),
                    ingest.name(), ingest.bootstrapServers(), ingest.brokers(), science.name(),
                    science.bootstrapServers(), science.brokers());
            RunNames names = RunNames.fresh(Instant.now(), new SecureRandom());
            out.printf("Buffers of the %s%n  this run's topics, application ids and consumer groups start with %s "
                    + "(%s at the end)%n", description, names.prefix(), keepTopics ? "kept" : "deleted");
            Runnable release = keepTopics
                    ? () -> out.println("Kept this run's topics and consumer groups: those starting with "
                            + names.prefix())
                    : new RunCleanup(List.of(upstream, ingest, science), names, out)::close;
            return new BenchBuffers(description, upstream, ingest, science, names, release);
        }
    }
}
