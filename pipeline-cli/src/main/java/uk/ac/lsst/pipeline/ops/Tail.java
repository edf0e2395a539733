package uk.ac.lsst.pipeline.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.config.BufferSettings;

/**
 * Prints the records of one topic as JSON lines: topic, partition, offset, timestamp, key, headers and value. A JSON
 * value is printed as JSON; an alert (Avro) as a summary of it; anything else as base64. Reads without a consumer
 * group, so it never disturbs a stage.
 */
public final class Tail {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param from   earliest, latest, or a time accepted by {@link Rewind.Target}
     * @param max    stop after this many records (0: no limit)
     * @param follow keep waiting for new records instead of stopping at the end
     */
    public record Request(String topic, String from, long max, boolean follow) {
    }

    private final AlertDecoder decoder;

    public Tail(SchemaSource schemas) {
        this.decoder = new AlertDecoder(schemas, false, 64 * 1024 * 1024);
    }

    /** Prints records until the end of the topic (or {@code max}, or forever with {@code follow}); returns the count. */
    public long run(BufferSettings buffer, Request request, PrintStream out) {
        Map<String, Object> config = new HashMap<>(buffer.clientProperties());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-tail");
        long printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(request.topic(), Duration.ofSeconds(15));
            if (infos == null || infos.isEmpty()) {
                throw new OpsException("topic " + request.topic() + " does not exist on the buffer at "
                        + buffer.bootstrapServers());
            }
            List<TopicPartition> tps = new ArrayList<>();
            infos.forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(tps);
            seek(consumer, tps, request.from());
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(line(r));
                    printed++;
                    if (request.max() > 0 && printed >= request.max()) {
                        out.flush();
                        return printed;
                    }
                }
                out.flush();
                if (!request.follow() && tps.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                    return printed;
                }
            }
        }
    }

    private static void seek(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> tps, String from) {
        if (from.equalsIgnoreCase("earliest")) {
            consumer.seekToBeginning(tps);
            return;
        }
        if (from.equalsIgnoreCase("latest")) {
            consumer.seekToEnd(tps);
            return;
        }
        Rewind.Target target = Rewind.Target.parse(from, java.time.Instant.now());
        Map<TopicPartition, Long> times = new HashMap<>();
        tps.forEach(tp -> times.put(tp, target.timestampMs()));
        Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
        consumer.offsetsForTimes(times).forEach((tp, o) -> consumer.seek(tp, o == null ? ends.get(tp) : o.offset()));
    }

    /** One record as a JSON line. */
    public String line(ConsumerRecord<byte[], byte[]> r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", r.topic());
        n.put("partition", r.partition());
        n.put("offset", r.offset());
        n.put("timestamp", r.timestamp());
        n.put("timestampType", r.timestampType().name);
        if (r.key() == null) {
            n.putNull("key");
        } else {
            String key = utf8(r.key());
            n.put("key", key == null ? "base64:" + Base64.getEncoder().encodeToString(r.key()) : key);
        }
        ObjectNode headers = n.putObject("headers");
        for (Header h : r.headers()) {
            String v = h.value() == null ? null : utf8(h.value());
            headers.put(h.key(), v == null && h.value() != null
                    ? "base64:" + Base64.getEncoder().encodeToString(h.value()) : v);
        }
        n.put("size", r.value() == null ? 0 : r.value().length);
        n.set("value", value(r.value()));
        return n.toString();
    }

    private JsonNode value(byte[] bytes) {
        if (bytes == null) {
            return JSON.nullNode();
        }
        String text = utf8(bytes);
        if (text != null) {
            try {
                return JSON.readTree(text);
            } catch (Exception notJson) {
                // an alert or other bytes
            }
        }
        try {
            Alert a = decoder.decode(bytes);
            ObjectNode n = JSON.createObjectNode();
            n.put("alert", a.survey().name().toLowerCase(java.util.Locale.ROOT));
            n.put("format", a.format().name());
            n.put("alertId", a.alertId());
            n.put("objectId", a.objectId());
            n.put("ra", a.raDeg());
            n.put("dec", a.decDeg());
            n.put("mjd", a.mjd());
            n.put("band", a.band());
            return n;
        } catch (AlertDecodeException | RuntimeException notAlert) {
            if (text != null) {
                return JSON.getNodeFactory().textNode(text);
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("base64", Base64.getEncoder().encodeToString(bytes.length > 4096
                    ? java.util.Arrays.copyOf(bytes, 4096) : bytes));
            n.put("truncated", bytes.length > 4096);
            return n;
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
