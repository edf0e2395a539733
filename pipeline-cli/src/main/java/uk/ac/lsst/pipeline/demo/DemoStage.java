package uk.ac.lsst.pipeline.demo;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.spec.StageType;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * One stage running in the demo, with what the demo needs to watch it: its group on its input buffer, the topics
 * it reads and the topics it writes on its output buffer.
 *
 * @param name         the stage (its application id, i.e. its consumer group on {@code input})
 * @param type         what it runs
 * @param group        its consumer group on {@code input}
 * @param runner       the running stage
 * @param input        the buffer it reads
 * @param inputTopics  what it reads there
 * @param output       the buffer it writes
 * @param outputTopic  its results topic
 * @param deadLetters  its dead-letter topic
 */
record DemoStage(String name, StageType type, String group, StageRunner runner, EmbeddedBuffer input, List<String> inputTopics,
                 EmbeddedBuffer output, String outputTopic, String deadLetters) {

    /** Records in its results topic and in its dead-letter topic. */
    long[] written() {
        try (Admin admin = output.admin()) {
            TopicAdmin topics = new TopicAdmin(admin, Duration.ofSeconds(30));
            return new long[] {sum(topics.endOffsets(List.of(outputTopic))), sum(topics.endOffsets(List.of(deadLetters)))};
        }
    }

    /** Records of its input topics not yet committed by its group. */
    long lag() {
        try (Admin admin = input.admin()) {
            return new TopicAdmin(admin, Duration.ofSeconds(30)).lag(group, inputTopics);
        }
    }

    private static long sum(java.util.Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }
}
