package uk.ac.lsst.pipeline.filter.stage;

import java.time.Duration;
import java.util.List;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.stage.StageConfig;

/**
 * Settings of filter-service. It reads and writes the science buffer: the annotated records and the compacted
 * filters topic in, one topic per filter out. Besides {@link StageSettings}:
 *
 * <pre>
 * ANNOTATED_TOPIC                the annotated records (default annotated-alerts)
 * FILTERS_TOPIC                  the compacted topic of filter definitions (default filters)
 * FILTER_TOPIC_PARTITIONS        partitions of the topic created for each filter (default 1)
 * FILTER_TOPIC_REPLICATION_FACTOR  its replicas (default -1: the brokers' default)
 * FILTER_TOPIC_RETENTION         its retention, positive (default P7D)
 * </pre>
 *
 * The stage's own topics must lie outside the namespace of the filters' topics ({@code filter-<owner>-<name>}, see
 * {@link uk.ac.lsst.pipeline.filter.definition.FilterTopics}): a filter must never write into one of them. Hence the
 * dead-letter topic is {@code filters-dead-letters}.
 *
 * It is the last hop of the low-latency path to a filter's output: {@link StageDefaults#LOW_LATENCY}.
 *
 * @param topicPartitions  partitions of a filter's topic, created when its filter is registered
 * @param topicReplication its replication factor, -1 for the brokers' default
 * @param topicRetention   its retention
 */
public record FilterSettings(
        StageSettings stage,
        TopicUse annotated,
        TopicUse filters,
        int topicPartitions,
        short topicReplication,
        Duration topicRetention) implements StageConfig {

    static final StageDefaults DEFAULTS = new StageDefaults("filter-service", "filters-dead-letters", 1,
            StageDefaults.LOW_LATENCY);

    @Override
    public List<TopicUse> reads() {
        return List.of(annotated, filters);
    }

    /** Its dead-letter topic: each filter's own topic is created when the filter is registered. */
    @Override
    public List<TopicUse> writes() {
        return List.of(stage.deadLetters());
    }

    @Override
    public String describe() {
        return "evaluates the filters of " + filters + " on " + annotated + ", each into a topic of its own ("
                + topicPartitions + " partition(s), retention " + topicRetention + ")";
    }
}
