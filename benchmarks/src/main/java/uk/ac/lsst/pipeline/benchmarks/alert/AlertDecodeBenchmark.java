package uk.ac.lsst.pipeline.benchmarks.alert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/**
 * Decoding real alerts as every stage does, one thread: the bundled samples of {@code survey}
 * ({@code samples/alerts/ztf}: 34 ZTF alerts, ~70 KB; {@code samples/alerts/rubin}: 20 Rubin alerts, ~150 KB;
 * the directory holding them can be moved with {@code -Dbench.samples=DIR}), in turn, with the cutouts skipped (as
 * buffer-ingest, crossmatch and watchlist decode) or copied out (as thumbnail-service does). With
 * {@code stream=cycled} every sample is followed by a copy re-encoded with a fresh id, as a replay that cycles the
 * samples (and {@code pipeline bench}) sends them: the copies carry the same writer schema written out by Avro,
 * whose text differs from the original's. Throughput in alerts per second.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Benchmark)
public class AlertDecodeBenchmark {

    @Param({"ztf", "rubin"})
    String survey;

    @Param({"false", "true"})
    boolean cutouts;

    @Param({"samples", "cycled"})
    String stream;

    private AlertDecoder decoder;
    private byte[][] alerts;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Path.of(System.getProperty("bench.samples", "samples")).resolve("alerts").resolve(survey);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("alert directory " + dir.toAbsolutePath() + " not found: run from the "
                    + "repository root or pass -Dbench.samples=DIR");
        }
        List<AlertFile> files = AlertFiles.discover(List.of(dir));
        List<byte[]> bytes = new ArrayList<>();
        AlertRewriter rewriter = new AlertRewriter(SchemaSources.none());
        for (int i = 0; i < files.size(); i++) {
            byte[] original = files.get(i).read();
            bytes.add(original);
            if (stream.equals("cycled")) {
                bytes.add(rewriter.rewrite(original, CycledAlerts.alertId(17, files.size() + i), 0, 0));
            }
        }
        alerts = bytes.toArray(byte[][]::new);
        decoder = new AlertDecoder(SchemaSources.none(), cutouts, 16 * 1024 * 1024);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Alert decode() throws AlertDecodeException {
        byte[] bytes = alerts[next];
        next = next + 1 == alerts.length ? 0 : next + 1;
        return decoder.decode(bytes);
    }
}
