package uk.ac.lsst.pipeline.local.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

class EmbeddedBufferTest {

    @Test
    void shouldRunTwoIndependentClustersThatEachCarryTheirOwnRecords() throws Exception {
        try (EmbeddedBuffer a = EmbeddedBuffer.start("a"); EmbeddedBuffer b = EmbeddedBuffer.start("b")) {
            assertThat(a.bootstrapServers()).isNotEqualTo(b.bootstrapServers());
            assertThat(a.ensureTopics(List.of(TopicSpec.of("alerts", 4)))).containsExactly("alerts");
            assertThat(a.ensureTopics(List.of(TopicSpec.of("alerts", 4)))).isEmpty();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, a.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("alerts", "k", "v")).get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, a.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "g",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("alerts"));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        values.add(r.value());
                    }
                }
                assertThat(values).containsExactly("v");
            }
            try (Admin admin = b.admin()) {
                assertThat(admin.listTopics().names().get()).doesNotContain("alerts");
            }
        }
    }
}
