package uk.ac.lsst.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class InternalTopicRouterTest {
    private final MockProducer<byte[], byte[]> output =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final MockProducer<byte[], byte[]> input =
            new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final AtomicInteger opened = new AtomicInteger();
    private final InternalTopicRouter router = new InternalTopicRouter("features-service", output, () -> {
        opened.incrementAndGet();
        return input;
    });

    @Test
    void shouldSendChangelogRecordsToTheInputBufferAndResultsToTheOutputBuffer() {
        router.send(record("annotated-alerts"));
        router.send(record("features-service-object-features-changelog"));
        router.send(record("features-service-object-features-changelog"));

        assertThat(output.history()).extracting(ProducerRecord::topic).containsExactly("annotated-alerts");
        assertThat(input.history()).extracting(ProducerRecord::topic)
                .containsExactly("features-service-object-features-changelog",
                        "features-service-object-features-changelog");
        assertThat(opened).hasValue(1);
    }

    @Test
    void shouldKeepOneProducerWhileNoInternalTopicIsWritten() {
        router.send(record("features-service-notes"));
        router.send(record("other-app-store-changelog"));
        router.flush();
        router.close();

        assertThat(output.history()).hasSize(2);
        assertThat(opened).hasValue(0);
        assertThat(output.closed()).isTrue();
    }

    @Test
    void shouldFlushAndCloseBothOnceBothAreOpen() {
        router.send(record("features-service-object-features-changelog"));
        router.send(record("annotated-alerts"));
        router.flush();

        assertThat(output.flushed()).isTrue();
        assertThat(input.flushed()).isTrue();
        router.close();
        assertThat(input.closed()).isTrue();
        assertThat(output.closed()).isTrue();
    }

    @Test
    void shouldRefuseTransactions() {
        assertThatThrownBy(router::initTransactions).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("at-least-once");
    }

    private static ProducerRecord<byte[], byte[]> record(String topic) {
        return new ProducerRecord<>(topic, new byte[] {1}, new byte[] {2});
    }
}
