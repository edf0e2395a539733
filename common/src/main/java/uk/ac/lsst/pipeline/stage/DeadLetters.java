package uk.ac.lsst.pipeline.stage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a stream of {@link Routed} outcomes: dead letters go, with their original bytes and the headers of
 * {@link DeadLetterHeaders}, to the dead-letter topic (logged with topic, partition and offset, and counted);
 * good values flow on. A value longer than the dead-letter topic can take (a message rejected as too large) keeps
 * only its first {@code maxValueBytes} bytes, and the header {@link DeadLetterHeaders#TRUNCATED_FROM} gives its
 * original length: written, even shortened, it cannot stop the stage the way a write the buffer refuses would.
 */
public final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /**
     * @param routed   outcomes of the stage's processing
     * @param topic         the dead-letter topic (written through the stage's producer, i.e. to the output buffer)
     * @param maxValueBytes longest value written whole: the stage's {@code MAX_ALERT_BYTES}, which its dead-letter
     *                      topic takes with room for key and headers
     * @param metrics       where dead letters are counted; {@link StageMetrics#stage()} names the stage in the headers
     * @return the good values
     */
    public static <K, V> KStream<K, V> split(KStream<K, Routed<V>> routed, String topic, int maxValueBytes,
                                             StageMetrics metrics) {
        Map<String, KStream<K, Routed<V>>> branches = routed.split(Named.as("route-"))
                .branch((k, v) -> v instanceof Routed.Dead<V>, Branched.as("dead-letter"))
                .defaultBranch(Branched.as("ok"));
        branches.get("route-dead-letter")
                .process(() -> new ToDeadLetter<K, V>(maxValueBytes, metrics), Named.as("label-dead-letter"))
                .to(topic, org.apache.kafka.streams.kstream.Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("to-dead-letter"));
        return branches.get("route-ok").mapValues(v -> ((Routed.Ok<V>) v).value(), Named.as("unwrap-ok"));
    }

    private static final class ToDeadLetter<K, V> implements Processor<K, Routed<V>, byte[], byte[]> {
        private final int maxValueBytes;
        private final StageMetrics metrics;
        private ProcessorContext<byte[], byte[]> context;

        ToDeadLetter(int maxValueBytes, StageMetrics metrics) {
            this.maxValueBytes = maxValueBytes;
            this.metrics = metrics;
        }

        @Override
        public void init(ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(Record<K, Routed<V>> record) {
            Routed.Dead<V> dead = (Routed.Dead<V>) record.value();
            Headers headers = record.headers();
            put(headers, DeadLetterHeaders.REASON, dead.reason());
            put(headers, DeadLetterHeaders.DETAIL, dead.detail());
            put(headers, DeadLetterHeaders.STAGE, metrics.stage());
            String where = "";
            if (context.recordMetadata().isPresent()) {
                RecordMetadata m = context.recordMetadata().get();
                put(headers, DeadLetterHeaders.SOURCE_TOPIC, m.topic());
                put(headers, DeadLetterHeaders.SOURCE_PARTITION, String.valueOf(m.partition()));
                put(headers, DeadLetterHeaders.SOURCE_OFFSET, String.valueOf(m.offset()));
                where = m.topic() + "-" + m.partition() + "@" + m.offset();
            }
            put(headers, DeadLetterHeaders.TIMESTAMP, String.valueOf(System.currentTimeMillis()));
            byte[] value = dead.value();
            if (value != null && value.length > maxValueBytes) {
                put(headers, DeadLetterHeaders.TRUNCATED_FROM, String.valueOf(value.length));
                value = Arrays.copyOf(value, maxValueBytes);
            }
            metrics.deadLetter(dead.reason());
            log.warn("dead letter from {}: {} ({})", where, dead.reason(), dead.detail());
            context.forward(new Record<>(dead.key(), value, record.timestamp(), headers));
        }

        private static void put(Headers headers, String name, String value) {
            headers.remove(name);
            headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
