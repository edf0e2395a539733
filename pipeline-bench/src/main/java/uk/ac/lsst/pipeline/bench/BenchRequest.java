package uk.ac.lsst.pipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import uk.ac.lsst.pipeline.bench.buffer.BufferSource;
import uk.ac.lsst.pipeline.local.replay.ReplaySchedule;

/**
 * What to bench.
 *
 * @param samples        directory with {@code alerts/{ztf,rubin}}, {@code catalogues/}, {@code watchlists/}
 * @param alerts         alerts to replay in all, shared between the surveys by their number of sample files
 * @param surveys        {@code ztf} and/or {@code lsst}
 * @param schedule       pacing of each survey's replay
 * @param partitions     partitions of every topic
 * @param pipelineFile   the pipeline file whose stages run (and, with {@link BufferSource.PipelineFile}, whose buffers
 *                       hold the run)
 * @param buffers        where the buffers of each run come from
 * @param runnable       the stages of the file that can run, in file order, buffer-ingest first
 * @param stages         the stages to run and measure, some of {@code runnable} in its order; buffer-ingest first
 * @param instances      instances of each stage
 * @param threads        stream threads per instance
 * @param timeout        how long the stages may take to drain after the replay
 * @param references     also run Kafka's tools and MirrorMaker 2 on the same buffers
 * @param rebalance      also time a second crossmatch-service instance joining (when crossmatch-service runs)
 * @param out            where bench.json and the charts go
 */
public record BenchRequest(Path samples, long alerts, List<String> surveys, ReplaySchedule schedule, int partitions,
                           Path pipelineFile, BufferSource buffers, List<String> runnable, List<String> stages,
                           int instances, int threads, Duration timeout, boolean references, boolean rebalance,
                           Path out) {

    public BenchRequest {
        surveys = List.copyOf(surveys);
        runnable = List.copyOf(runnable);
        stages = List.copyOf(stages);
        if (alerts < 1 || partitions < 1 || instances < 1 || threads < 1) {
            throw new IllegalArgumentException("alerts, partitions, instances and threads must be >= 1");
        }
        if (stages.isEmpty() || runnable.isEmpty() || !stages.get(0).equals(runnable.get(0))
                || !stages.equals(runnable.stream().filter(stages::contains).toList())) {
            throw new IllegalArgumentException("stages must be some of " + runnable
                    + " in that order, starting with the first, got " + stages);
        }
    }

    /**
     * A warm-up before this request: {@code count} alerts at full speed through the same stages on fresh topics
     * (fresh buffers in process), without the references or the rebalance timing, so that the measured run meets
     * code the JIT has already compiled, as a pipeline that has run for a while does.
     */
    public BenchRequest warmUp(long count) {
        return new BenchRequest(samples, count, surveys, ReplaySchedule.fullSpeed(), partitions, pipelineFile,
                buffers, runnable, stages, instances, threads, timeout, false, false, out);
    }

    /** The same request with another partition count, references and rebalance timing. */
    public BenchRequest with(int partitions, boolean references, boolean rebalance) {
        return new BenchRequest(samples, alerts, surveys, schedule, partitions, pipelineFile, buffers, runnable,
                stages, instances, threads, timeout, references, rebalance, out);
    }
}
