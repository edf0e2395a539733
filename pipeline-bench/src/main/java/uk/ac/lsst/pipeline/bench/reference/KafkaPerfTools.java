package uk.ac.lsst.pipeline.bench.reference;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

/**
 * Kafka's own performance tools ({@code kafka-tools}: {@code ProducerPerformance}, {@code ConsumerPerformance}) run
 * in this JVM against a buffer, connecting with the buffer's client properties (given in a properties file that only
 * this user may read, deleted when the tool ends, since they may hold passwords). They print their results to
 * {@code System.out}, which is captured while they run (so nothing else may print to {@code System.out} meanwhile).
 * Not thread-safe.
 */
public final class KafkaPerfTools {
    private static final Pattern PRODUCER_TOTAL = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\)");

    /**
     * @param recordsPerSecond the tool's rate
     * @param mbPerSecond      the tool's MB/s (its MB is 2^20 bytes)
     * @param line             the tool's result line
     */
    public record Result(double recordsPerSecond, double mbPerSecond, String line) {
    }

    private KafkaPerfTools() {
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions, then produces {@code records} random records of
     * {@code recordBytes} bytes with the producer settings of the replay ({@code producerProps}).
     */
    public static Result produce(BenchBuffer buffer, String topic, int partitions, long records, int recordBytes,
                                 Map<String, Object> producerProps) throws Exception {
        buffer.ensureTopics(List.of(new TopicSpec(topic, partitions, (short) -1,
                Map.of("max.message.bytes", String.valueOf(Math.max(1024 * 1024, recordBytes + 64 * 1024))))));
        Map<String, Object> config = new HashMap<>(producerProps);
        config.putAll(buffer.clientProperties());
        String out = withConfigFile(config, file -> captured(() -> ProducerPerformance.main(new String[] {
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size",
                String.valueOf(recordBytes), "--throughput", "-1", "--command-config", file.toString()})));
        String last = "";
        for (String line : out.split("\n")) {
            Matcher m = PRODUCER_TOTAL.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) == records) {
                last = line.trim();
                return new Result(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), last);
            }
        }
        throw new IllegalStateException("ProducerPerformance gave no total line: " + out);
    }

    /**
     * Consumes {@code records} records of {@code topic} from the beginning as consumer group {@code group}; the rate
     * excludes the group join.
     */
    public static Result consume(BenchBuffer buffer, String topic, long records, String group) throws Exception {
        String out = withConfigFile(buffer.clientProperties(), file -> captured(() -> ConsumerPerformance.main(
                new String[] {"--bootstrap-server", buffer.bootstrapServers(), "--topic", topic, "--messages",
                        String.valueOf(records), "--timeout", "60000", "--group", group, "--command-config",
                        file.toString()})));
        String[] lines = out.trim().split("\n");
        String header = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("fetch.nMsg.sec")) {
                header = lines[i];
                if (i + 1 < lines.length) {
                    return parseConsumer(header, lines[i + 1]);
                }
            }
        }
        throw new IllegalStateException("ConsumerPerformance gave no result line: " + out);
    }

    static Result parseConsumer(String header, String values) {
        String[] names = header.split(",\\s*");
        String[] fields = values.split(",\\s*");
        double records = Double.NaN;
        double mb = Double.NaN;
        for (int i = 0; i < names.length && i < fields.length; i++) {
            if (names[i].trim().equals("fetch.nMsg.sec")) {
                records = Double.parseDouble(fields[i].trim());
            } else if (names[i].trim().equals("fetch.MB.sec")) {
                mb = Double.parseDouble(fields[i].trim());
            }
        }
        return new Result(records, mb, String.format(Locale.ROOT, "%s | %s", header.trim(), values.trim()));
    }

    /** One record / (one record's produce time + one record's consume time). */
    public static double produceThenConsume(double producePerSecond, double consumePerSecond) {
        return 1.0 / (1.0 / producePerSecond + 1.0 / consumePerSecond);
    }

    private interface Tool {
        void run() throws Exception;
    }

    private interface WithFile {
        String run(Path file) throws Exception;
    }

    /** Runs {@code tool} with {@code config} in a properties file readable by this user only; then deletes it. */
    private static String withConfigFile(Map<String, Object> config, WithFile tool) throws Exception {
        Path file = Files.createTempFile("bench-client-", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Properties props = new Properties();
            config.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
            try (OutputStream stream = Files.newOutputStream(file)) {
                props.store(stream, null);
            }
            return tool.run(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static synchronized String captured(Tool tool) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            tool.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
