package uk.ac.lsst.pipeline.benchmarks.filter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.filter.client.FilterClient;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.stage.FilterStage;
import uk.ac.lsst.pipeline.local.buffer.EmbeddedBuffer;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * Registration of a filter on a running filter-service to its first record: one in-process buffer, the stage
 * started as it runs in production (its engine warmed at start), annotated records sent every 5 ms, and filters
 * registered one after another with {@link FilterClient}; for each, the time from the start of {@code add} (compile,
 * write to the filters topic) to the log-append time of the first record on its topic. Prints each and the
 * spread, and appends them to a file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.filter.FilterRegistrationLatency \
 *     [filters, default 10] [--out FILE]
 * </pre>
 */
public final class FilterRegistrationLatency {
    private FilterRegistrationLatency() {
    }

    public static void main(String[] args) throws Exception {
        int filters = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 10;
        Path out = null;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[i + 1]);
            }
        }
        List<byte[]> records = SyntheticRecords.generate(31L, 200);
        Path state = Files.createTempDirectory("filter-registration");
        try (EmbeddedBuffer science = EmbeddedBuffer.start("science")) {
            science.ensureTopics(List.of(TopicSpec.of("annotated-alerts", 4),
                    new TopicSpec("filters", 1, (short) -1, Map.of("cleanup.policy", "compact")),
                    TopicSpec.of("filters-dead-letters", 1)));
            Map<String, String> env = new HashMap<>();
            env.put("INPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
            env.put("OUTPUT_BOOTSTRAP_SERVERS", science.bootstrapServers());
            env.put("HTTP_PORT", "0");
            env.put("STATE_DIR", state.toString());
            env.put("START_FROM", "latest");
            Map<String, Object> client = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, science.bootstrapServers());
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = new Thread(() -> send(client, records, sending), "annotated-sender");
            List<Long> latencies = new ArrayList<>();
            try (StageRunner stage = StageMain.start(new FilterStage(), env);
                 FilterClient filterClient = new FilterClient(client, "filters")) {
                sender.start();
                for (int i = 0; i < filters; i++) {
                    FilterDefinition f = FilterDefinition.of("bench", "registration-" + i, "alertId > " + i,
                            OutputLevel.IDS);
                    long start = System.currentTimeMillis();
                    filterClient.add(f);
                    long first = firstAppend(client, f.topic(), Duration.ofSeconds(60));
                    latencies.add(first - start);
                    System.out.printf(Locale.ROOT, "filter %d: registration to first record %d ms%n", i, first - start);
                }
            } finally {
                sending.set(false);
                sender.join();
            }
            List<Long> sorted = latencies.stream().sorted().toList();
            String summary = String.format(Locale.ROOT, "%d filters on a running filter-service: registration to first"
                    + " record min %d ms, median %d ms, max %d ms (records every 5 ms)", filters, sorted.get(0),
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            System.out.println(summary);
            if (out != null) {
                Files.writeString(out, "# " + java.time.Instant.now() + " load: " + loadAverage() + "\n"
                        + latencies + "\n" + summary + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            }
        }
    }

    private static void send(Map<String, Object> client, List<byte[]> records, AtomicBoolean sending) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; sending.get(); i++) {
                producer.send(new ProducerRecord<>("annotated-alerts", "object-" + (i % 50),
                        records.get(i % records.size())));
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The log-append time of the first record of {@code topic}, waiting for the topic and the record. */
    private static long firstAppend(Map<String, Object> client, String topic, Duration within) {
        Map<String, Object> config = new HashMap<>(client);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // the stage creates the topic (with log-append time); a metadata request must not
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        long deadline = System.nanoTime() + within.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            while (System.nanoTime() < deadline) {
                var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(1));
                if (partitions == null || partitions.isEmpty()) {
                    continue;
                }
                List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                while (System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        return r.timestamp();
                    }
                }
            }
        }
        throw new IllegalStateException("no record on " + topic + " within " + within);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
