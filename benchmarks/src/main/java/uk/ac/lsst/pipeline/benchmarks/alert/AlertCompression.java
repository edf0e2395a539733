package uk.ac.lsst.pipeline.benchmarks.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.BufferSupplier;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import uk.ac.lsst.pipeline.benchmarks.thumbnails.TeeOutput;

/**
 * What Kafka's own codecs (the classes a producer and a broker use: zstd at its default level, lz4, gzip) make of
 * the alert messages under a data directory, one message per compressed batch as a producer with
 * {@code linger.ms=0} sends them: bytes after compression against before, and CPU time (of this thread) to
 * compress and to decompress each message, best of several rounds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.alert.AlertCompression \
 *     [--data ../shared/data] [--rounds 5] [--out FILE]
 * </pre>
 */
public final class AlertCompression {
    private static final byte MAGIC = 2;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AlertCompression() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of("../shared/data");
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> TeeOutput.alsoTo(Path.of(args[++i]));
                default -> throw new IllegalArgumentException(
                        "unknown option " + args[i] + " (expected --data DIR, --rounds N, --out FILE)");
            }
        }
        System.out.printf(Locale.ROOT, "Kafka's codecs on the alert messages under %s, one message per batch, best of %d"
                + " rounds (CPU time of one thread)%n", data.toAbsolutePath().normalize(), rounds);
        System.out.printf(Locale.ROOT, "%-8s %-6s %5s %14s %14s %8s %16s %18s%n", "survey", "codec", "n",
                "bytes before", "bytes after", "ratio", "compress us/msg", "decompress us/msg");
        for (String survey : List.of("ztf", "rubin")) {
            List<byte[]> messages = messages(data.resolve(survey).resolve("alerts"));
            long before = messages.stream().mapToLong(m -> m.length).sum();
            for (String codec : List.of("zstd", "lz4", "gzip")) {
                Compression compression = Compression.of(codec).build();
                long after = 0;
                long bestCompress = Long.MAX_VALUE;
                long bestDecompress = Long.MAX_VALUE;
                for (int r = 0; r < rounds; r++) {
                    long t0 = CPU.getCurrentThreadCpuTime();
                    List<ByteBuffer> compressed = new ArrayList<>();
                    for (byte[] m : messages) {
                        compressed.add(compress(compression, m));
                    }
                    long t1 = CPU.getCurrentThreadCpuTime();
                    for (ByteBuffer c : compressed) {
                        decompress(compression, c);
                    }
                    long t2 = CPU.getCurrentThreadCpuTime();
                    bestCompress = Math.min(bestCompress, t1 - t0);
                    bestDecompress = Math.min(bestDecompress, t2 - t1);
                    after = compressed.stream().mapToLong(ByteBuffer::remaining).sum();
                }
                System.out.printf(Locale.ROOT, "%-8s %-6s %5d %14d %14d %8.3f %16.1f %18.1f%n", survey, codec,
                        messages.size(), before, after, (double) after / before,
                        bestCompress / 1e3 / messages.size(), bestDecompress / 1e3 / messages.size());
            }
        }
    }

    private static ByteBuffer compress(Compression compression, byte[] message) throws IOException {
        ByteBufferOutputStream buffer = new ByteBufferOutputStream(message.length / 2 + 64);
        try (OutputStream out = compression.wrapForOutput(buffer, MAGIC)) {
            out.write(message);
        }
        ByteBuffer b = buffer.buffer();
        b.flip();
        return b;
    }

    private static void decompress(Compression compression, ByteBuffer compressed) throws IOException {
        try (InputStream in = compression.wrapForInput(compressed.duplicate(), MAGIC, BufferSupplier.NO_CACHING)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static List<byte[]> messages(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<byte[]> messages = new ArrayList<>();
            for (Path p : files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".avro") || p.toString().endsWith(".bin")).sorted().toList()) {
                messages.add(Files.readAllBytes(p));
            }
            return messages;
        }
    }
}
