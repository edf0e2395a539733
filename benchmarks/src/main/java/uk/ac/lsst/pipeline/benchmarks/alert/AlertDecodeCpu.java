package uk.ac.lsst.pipeline.benchmarks.alert;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/**
 * Alert decoding measured in CPU time of the decoding thread rather than wall time, so that a machine shared with
 * other work still gives usable numbers: the same streams as {@link AlertDecodeBenchmark} (the samples of a
 * survey, or the samples each followed by a re-encoded copy), cutouts skipped, decoded round after round; prints
 * microseconds of CPU per alert for each round after the warm-up ones.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.alert.AlertDecodeCpu [rubin|ztf] [rounds]</pre>
 */
public final class AlertDecodeCpu {
    private static final int ALERTS_PER_ROUND = 20_000;
    private static final int WARM_UP_ROUNDS = 3;

    private AlertDecodeCpu() {
    }

    public static void main(String[] args) throws Exception {
        String survey = args.length > 0 ? args[0] : "rubin";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Path.of(System.getProperty("bench.samples", "samples")).resolve("alerts").resolve(survey);
        List<AlertFile> files = AlertFiles.discover(List.of(dir));
        AlertRewriter rewriter = new AlertRewriter(SchemaSources.none());
        List<byte[]> samples = new ArrayList<>();
        List<byte[]> cycled = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] original = files.get(i).read();
            samples.add(original);
            cycled.add(original);
            cycled.add(rewriter.rewrite(original, CycledAlerts.alertId(17, files.size() + i), 0, 0));
        }
        for (String stream : List.of("samples", "cycled")) {
            List<byte[]> alerts = stream.equals("samples") ? samples : cycled;
            AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), false, 16 * 1024 * 1024);
            for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
                double micros = round(decoder, alerts);
                if (round >= WARM_UP_ROUNDS) {
                    System.out.printf(Locale.ROOT, "%s %s: %.1f us CPU per alert%n", survey, stream, micros);
                }
            }
        }
    }

    private static double round(AlertDecoder decoder, List<byte[]> alerts) throws AlertDecodeException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long check = 0;
        for (int i = 0; i < ALERTS_PER_ROUND; i++) {
            check += decoder.decode(alerts.get(i % alerts.size())).alertId();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (check == 42) {
            System.out.print("");
        }
        return cpu / 1e3 / ALERTS_PER_ROUND;
    }
}
