package uk.ac.lsst.pipeline.bench.stages;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * One stage of the pipeline as the bench runs it: one or more instances of the same application (one consumer
 * group), the buffers and topics it reads and writes.
 *
 * @param name        the stage, also its application id and consumer group
 * @param instances   its running instances
 * @param metrics     each instance's metrics, in the order of {@code instances}
 * @param input       the buffer it reads
 * @param inputTopics the topics it reads there
 * @param output      the buffer it writes
 * @param outputTopic its results topic
 */
public record RunningStage(String name, List<StageRunner> instances, List<StageMetrics> metrics, BenchBuffer input,
                           List<String> inputTopics, BenchBuffer output, String outputTopic) {

    public RunningStage {
        instances = List.copyOf(instances);
        metrics = List.copyOf(metrics);
        inputTopics = List.copyOf(inputTopics);
    }

    /** Alerts read, over all instances. */
    public long alertsIn() {
        return (long) metrics.stream().mapToDouble(StageMetrics::alertsIn).sum();
    }

    /** Results written, over all instances. */
    public long alertsOut() {
        return (long) metrics.stream().mapToDouble(StageMetrics::alertsOut).sum();
    }

    public boolean failed() {
        return instances.stream().anyMatch(StageRunner::failed);
    }

    /** True when every instance is RUNNING and together they hold {@code partitions} partitions of each input. */
    public boolean assigned(int partitions) {
        if (!instances.stream().allMatch(i -> i.state() == KafkaStreams.State.RUNNING)) {
            return false;
        }
        Set<TopicPartition> all = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
        instances.forEach(i -> all.addAll(i.activePartitions()));
        return all.size() == partitions * inputTopics.size();
    }

    /** Per instance, the partitions of {@code topic} it processes now. */
    public List<Integer> partitionsPerInstance(String topic) {
        return instances.stream()
                .map(i -> (int) i.activePartitions().stream().filter(tp -> tp.topic().equals(topic)).count())
                .toList();
    }

    public void close() {
        instances.parallelStream().forEach(StageRunner::close);
    }
}
