package uk.ac.lsst.pipeline.bench.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

class MultiBrokerBufferTest {

    @Test
    void shouldRunThreeBrokersThatShareTheLeadershipOfATopic() throws Exception {
        try (BenchBuffer buffer = BenchBuffer.start("multi", 3);
             Admin admin = buffer.admin()) {
            assertThat(buffer.brokers()).isEqualTo(3);
            assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
            buffer.ensureTopics(List.of(TopicSpec.of("spread", 6)));
            TopicDescription d = admin.describeTopics(List.of("spread")).allTopicNames().get().get("spread");
            Map<Integer, Long> leaders = d.partitions().stream()
                    .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
            assertThat(leaders).containsOnlyKeys(1, 2, 3);
        }
    }
}
