package uk.ac.lsst.pipeline.local.run;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.StageConfig;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * One stage of a {@link LocalPipeline}: its instances (one consumer group) and what a local run watches of it, its
 * counts, its topics and its buffers. Thread-safe as its runners are.
 */
public final class RunningStage {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final StageSpec spec;
    private final List<StageRunner> instances;
    private final BufferSettings input;
    private final BufferSettings output;

    RunningStage(StageSpec spec, PipelineSpec pipeline, Map<String, String> vars, List<StageRunner> instances) {
        this.spec = spec;
        this.instances = List.copyOf(instances);
        this.input = StageEnvironment.bufferSettings(pipeline.buffer(spec.input().buffer()), vars);
        this.output = StageEnvironment.bufferSettings(pipeline.buffer(spec.output().buffer()), vars);
    }

    /** Its name in the file. */
    public String name() {
        return spec.name();
    }

    /** Its type ({@code crossmatch-service}, ...). */
    public String type() {
        return spec.type();
    }

    public StageSpec spec() {
        return spec;
    }

    /** Its running instances. */
    public List<StageRunner> instances() {
        return instances;
    }

    /** The settings of its instances (the first one's: they only differ by state directory and HTTP port). */
    public StageConfig config() {
        return instances.get(0).config();
    }

    /** The metrics of each instance, in instance order. */
    public List<StageMetrics> metrics() {
        return instances.stream().map(StageRunner::metrics).toList();
    }

    /** Alerts read, over all instances. */
    public long alertsIn() {
        return (long) instances.stream().mapToDouble(r -> r.metrics().alertsIn()).sum();
    }

    /** Results written, over all instances. */
    public long alertsOut() {
        return (long) instances.stream().mapToDouble(r -> r.metrics().alertsOut()).sum();
    }

    public boolean failed() {
        return instances.stream().anyMatch(StageRunner::failed);
    }

    /** The buffer it reads, with its connection settings. */
    public BufferSettings input() {
        return input;
    }

    /** The buffer it writes. */
    public BufferSettings output() {
        return output;
    }

    /** The topics it reads on its input buffer (none when it subscribes by a pattern). */
    public List<String> inputTopics() {
        return config().reads().stream().map(TopicUse::name).toList();
    }

    /** The topic it streams (its first input: alerts, compact alerts or annotated records); the others feed stores. */
    public String streamedTopic() {
        return config().reads().get(0).name();
    }

    /**
     * Its results topic: the first topic it writes that is not its dead-letter topic; null for a stage whose results
     * go to topics made as it runs (filter-service: one per filter).
     */
    public String outputTopic() {
        String dlq = deadLetterTopic();
        return config().writes().stream().map(TopicUse::name).filter(t -> !t.equals(dlq)).findFirst().orElse(null);
    }

    public String deadLetterTopic() {
        return config().stage().deadLetters().name();
    }

    /**
     * Records in its results topic and in its dead-letter topic; without a results topic, the results its instances
     * wrote.
     */
    public long[] written() {
        try (Admin admin = Admin.create(output.clientProperties())) {
            TopicAdmin topics = new TopicAdmin(admin, ADMIN_TIMEOUT);
            String results = outputTopic();
            return new long[] {results == null ? alertsOut() : sum(topics.endOffsets(List.of(results))),
                    sum(topics.endOffsets(List.of(deadLetterTopic())))};
        }
    }

    /** Records in a topic of its output buffer (0 when the topic does not exist yet). */
    public long outputRecords(String topic) {
        try (Admin admin = Admin.create(output.clientProperties())) {
            if (!admin.listTopics().names().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).contains(topic)) {
                return 0;
            }
            return sum(new TopicAdmin(admin, ADMIN_TIMEOUT).endOffsets(List.of(topic)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics of " + output, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not list the topics of " + output + ": " + e.getMessage(), e);
        }
    }

    /** Records of its input topics not yet committed by its group. */
    public long lag() {
        try (Admin admin = Admin.create(input.clientProperties())) {
            return new TopicAdmin(admin, ADMIN_TIMEOUT).lag(spec.group(), inputTopics());
        }
    }

    /** True when every instance is RUNNING and together they process {@code partitions} input partitions. */
    public boolean assigned(int partitions) {
        if (!instances.stream().allMatch(i -> i.state() == KafkaStreams.State.RUNNING)) {
            return false;
        }
        Set<TopicPartition> all = new HashSet<>();
        instances.forEach(i -> all.addAll(i.activePartitions()));
        return all.size() == partitions;
    }

    /** Per instance, the partitions of {@code topic} it processes now. */
    public List<Integer> partitionsPerInstance(String topic) {
        return partitionsPerInstance(instances, topic);
    }

    /** Per runner, the partitions of {@code topic} it processes now. */
    public static List<Integer> partitionsPerInstance(Collection<StageRunner> runners, String topic) {
        return runners.stream()
                .map(i -> (int) i.activePartitions().stream().filter(tp -> tp.topic().equals(topic)).count())
                .toList();
    }

    void close() {
        instances.parallelStream().forEach(StageRunner::close);
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
