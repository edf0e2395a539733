package uk.ac.lsst.pipeline.local.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;

/**
 * The bundled sample alerts as the local runs replay them: one upstream topic per survey, named the way the surveys
 * name theirs, fed from {@code alerts/ztf} and {@code alerts/rubin} of a samples directory.
 */
public final class SampleAlerts {
    /** Upstream topic of the ZTF samples. */
    public static final String ZTF_TOPIC = "ztf_20181203_programid1";
    /** Upstream topic of the Rubin samples. */
    public static final String RUBIN_TOPIC = "lsst-alerts-v9";

    private SampleAlerts() {
    }

    /** Survey upstream topic -> sample directory, for the chosen surveys ({@code ztf}, {@code lsst}) whose directories exist. */
    public static Map<String, Path> sources(Path alerts, List<String> surveys) {
        Map<String, Path> sources = new TreeMap<>();
        if (surveys.contains("ztf") && Files.isDirectory(alerts.resolve("ztf"))) {
            sources.put(ZTF_TOPIC, alerts.resolve("ztf"));
        }
        if (surveys.contains("lsst") && Files.isDirectory(alerts.resolve("rubin"))) {
            sources.put(RUBIN_TOPIC, alerts.resolve("rubin"));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sample alerts for " + surveys + " in " + alerts.toAbsolutePath()
                    + ": expected subdirectories ztf/ and/or rubin/ holding .avro files");
        }
        return sources;
    }

    /** Shares {@code total} between the topics in proportion to their number of sample files. */
    public static Map<String, Long> share(long total, Map<String, Path> sources) {
        Map<String, Long> files = new TreeMap<>();
        sources.forEach((t, dir) -> files.put(t, (long) AlertFiles.discover(List.of(dir)).size()));
        long all = files.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> counts = new TreeMap<>();
        long given = 0;
        List<String> topics = new ArrayList<>(files.keySet());
        for (int i = 0; i < topics.size(); i++) {
            long n = i == topics.size() - 1 ? total - given
                    : Math.round((double) total * files.get(topics.get(i)) / all);
            counts.put(topics.get(i), n);
            given += n;
        }
        return counts;
    }
}
