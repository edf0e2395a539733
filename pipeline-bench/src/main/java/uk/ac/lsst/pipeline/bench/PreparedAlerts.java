package uk.ac.lsst.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertRewriter;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/**
 * The alerts of a run written out as files before the clock starts, so that the replay during the run only reads
 * and sends bytes: the same alerts the replayer would make by cycling (the sample files unchanged, then copies
 * with fresh ids from {@link CycledAlerts}, positions unchanged), without re-encoding them while the stages run.
 * Stateless.
 */
final class PreparedAlerts {
    static final long SEED = 17;

    private PreparedAlerts() {
    }

    /** Writes {@code count} alerts cycled from the files of {@code samples} into {@code dir}; returns {@code dir}. */
    static Path prepare(Path samples, long count, Path dir) throws IOException {
        List<AlertFile> files = AlertFiles.discover(List.of(samples));
        Files.createDirectories(dir);
        AlertRewriter rewriter = new AlertRewriter(SchemaSources.none());
        try {
            LongStream.range(0, count).parallel().forEach(sequence -> {
                AlertFile file = files.get((int) (sequence % files.size()));
                byte[] original = file.read();
                try {
                    byte[] bytes = sequence < files.size() ? original
                            : rewriter.rewrite(original, CycledAlerts.alertId(SEED, sequence), 0, 0);
                    Files.write(dir.resolve(String.format(Locale.ROOT, "%09d.avro", sequence)), bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (AlertDecodeException e) {
                    throw new IllegalStateException("cannot cycle alert file " + file.path() + ": " + e.getMessage(), e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return dir;
    }
}
