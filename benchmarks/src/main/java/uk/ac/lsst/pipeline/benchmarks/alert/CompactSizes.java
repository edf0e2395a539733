package uk.ac.lsst.pipeline.benchmarks.alert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.compact.CompactAlerts;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.benchmarks.thumbnails.TeeOutput;

/**
 * Sizes of the compact alert against the upstream message it is made from, for every alert file under
 * {@code <data>/ztf/alerts} and {@code <data>/rubin/alerts} (Avro OCF or Confluent wire format, Rubin schemas from
 * {@code <data>/rubin/schema}). Prints, per survey and per source directory, the number of alerts and the minimum,
 * median and maximum of the upstream size, the compact size and the ratio compact / upstream (each alert's own
 * ratio), plus the history points the compact alerts carry.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar uk.ac.lsst.pipeline.benchmarks.alert.CompactSizes \
 *     [--data ../shared/data] [--out FILE]
 * </pre>
 */
public final class CompactSizes {
    private CompactSizes() {
    }

    /** One alert: its group, upstream and compact sizes in bytes, history points. */
    private record Sample(String survey, String group, int upstreamBytes, int compactBytes, int historyPoints) {
        double ratio() {
            return (double) compactBytes / upstreamBytes;
        }
    }

    public static void main(String[] args) throws IOException, AlertDecodeException {
        Path data = Path.of("../shared/data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--out" -> TeeOutput.alsoTo(Path.of(args[++i]));
                default -> throw new IllegalArgumentException(
                        "unknown option " + args[i] + " (expected --data DIR, --out FILE)");
            }
        }
        AlertDecoder decoder = new AlertDecoder(new SchemaDirectory(data.resolve("rubin/schema")), true, 16 << 20);
        List<Sample> samples = new ArrayList<>();
        for (String survey : List.of("ztf", "rubin")) {
            Path root = data.resolve(survey).resolve("alerts");
            for (Path file : alertFiles(root)) {
                samples.add(measure(decoder, survey, root.relativize(file).getName(0).toString(), file));
            }
        }
        System.out.printf(Locale.ROOT, "compact alert (%s) against the upstream message, alerts under %s%n",
                "schema lsst-uk/compact-alert-1, single-object encoding", data.toAbsolutePath().normalize());
        System.out.printf(Locale.ROOT, "%-40s %4s  %-22s  %-22s  %-20s  %s%n", "group", "n",
                "upstream B min/med/max", "compact B min/med/max", "ratio min/med/max", "history points min/med/max");
        Map<String, List<Sample>> groups = new TreeMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(s.survey() + " (all)", k -> new ArrayList<>()).add(s);
            groups.computeIfAbsent(s.survey() + "/" + s.group(), k -> new ArrayList<>()).add(s);
        }
        groups.forEach(CompactSizes::printGroup);
    }

    private static Sample measure(AlertDecoder decoder, String survey, String group, Path file)
            throws IOException, AlertDecodeException {
        byte[] upstream = Files.readAllBytes(file);
        Alert alert = decoder.decode(upstream);
        byte[] compact = CompactAlerts.encode(alert);
        return new Sample(survey, group, upstream.length, compact.length, AlertPhotometry.of(alert).history().size());
    }

    private static void printGroup(String name, List<Sample> group) {
        System.out.printf(Locale.ROOT, "%-40s %4d  %-22s  %-22s  %-20s  %s%n", name, group.size(),
                summary(group.stream().mapToDouble(Sample::upstreamBytes).toArray(), "%.0f"),
                summary(group.stream().mapToDouble(Sample::compactBytes).toArray(), "%.0f"),
                summary(group.stream().mapToDouble(Sample::ratio).toArray(), "%.4f"),
                summary(group.stream().mapToDouble(Sample::historyPoints).toArray(), "%.0f"));
    }

    /** min/median/max; the median of an even count is the mean of the middle two. */
    private static String summary(double[] values, String format) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return String.format(Locale.ROOT, format + "/" + format + "/" + format, sorted[0], median, sorted[n - 1]);
    }

    private static List<Path> alertFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".avro") || p.toString().endsWith(".bin"))
                    .sorted().toList();
        }
    }
}
