package uk.ac.lsst.pipeline.deployment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/**
 * The alerts {@code pipeline replay --alerts DIR --count N --seed S} sends, computed the way the replay makes them:
 * every file of DIR once as it is, then cycled copies, copy {@code q} (from the number of files up to N - 1) with
 * the alert id {@link CycledAlerts#alertId}(S, q) and the survey of file {@code q mod files}. An alert is named by
 * its key "survey:alertId" (survey in lower case), as every output record names it. Immutable.
 */
final class ReplayedAlerts {
    private final List<Alert> originals;

    private ReplayedAlerts(List<Alert> originals) {
        this.originals = List.copyOf(originals);
    }

    /** The alert files of {@code dir} in replay order, decoded (they must be OCF: no schema is at hand). */
    static ReplayedAlerts of(Path dir) {
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), false, Integer.MAX_VALUE);
        List<Alert> alerts = new ArrayList<>();
        for (AlertFile file : AlertFiles.discover(List.of(dir))) {
            try {
                alerts.add(decoder.decode(file.read()));
            } catch (AlertDecodeException e) {
                throw new IllegalStateException("sample alert " + file.path() + " cannot be decoded: " + e.getMessage(),
                        e);
            }
        }
        return new ReplayedAlerts(alerts);
    }

    static String key(String survey, long alertId) {
        return survey.toLowerCase(Locale.ROOT) + ":" + alertId;
    }

    /** The keys of the alerts a replay of {@code count} alerts with {@code seed} sends (distinct ids). */
    Set<String> keys(long count, long seed) {
        Set<String> keys = new HashSet<>();
        int files = originals.size();
        for (long q = 0; q < count; q++) {
            Alert file = originals.get((int) (q % files));
            long id = q < files ? file.alertId() : CycledAlerts.alertId(seed, q);
            keys.add(key(file.survey().name(), id));
        }
        return keys;
    }

    /** The sample alerts as they are, with their positions. */
    List<Alert> originals() {
        return originals;
    }
}
