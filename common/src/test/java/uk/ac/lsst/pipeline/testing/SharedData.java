package uk.ac.lsst.pipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real alerts, schemas and catalogues in {@code ../shared/data} beside the repository. Surefire passes the
 * location as the system property {@code shared.data.dir}; without it the directory is looked for upwards from
 * the working directory.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The data directory; fails with a message saying where it was looked for. */
    public static Path dir() {
        String property = System.getProperty("shared.data.dir");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate.resolve("ztf"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared data not found: set -Dshared.data.dir or place shared/data beside the"
                + " repository (looked for ../shared/data from " + Path.of("").toAbsolutePath() + " upwards)");
    }

    public static Path path(String relative) {
        return dir().resolve(relative);
    }

    /** Every regular file under {@code relative} whose name ends with {@code suffix}, sorted. */
    public static List<Path> files(String relative, String suffix) {
        try (Stream<Path> s = Files.walk(path(relative))) {
            return s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(suffix)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the data directory, which must exist. */
    public static Path file(String relative) {
        Path file = dir().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("shared test data file missing: " + file);
        }
        return file;
    }

    /** Every ZTF alert (one-alert Avro OCF files), sorted. */
    public static List<Path> ztfAlerts() {
        return nonEmpty(files("ztf/alerts", ".avro"), "ztf/alerts");
    }

    /** Every Rubin alert packed as OCF (Fink's samples), sorted. */
    public static List<Path> rubinOcfAlerts() {
        return nonEmpty(files("rubin/alerts", ".avro"), "rubin/alerts");
    }

    /** Every Rubin Confluent wire-format alert, sorted. */
    public static List<Path> rubinWireAlerts() {
        return nonEmpty(files("rubin/alerts/wire-format", ".bin"), "rubin/alerts/wire-format");
    }

    /** The Rubin schema directory ({@code <major.minor>/lsst.vM_m.*.avsc}). */
    public static Path rubinSchemaDir() {
        return path("rubin/schema");
    }

    /** The path relative to the data directory, for test names. */
    public static String name(Path file) {
        return dir().relativize(file.toAbsolutePath().normalize()).toString();
    }

    public static byte[] bytes(String relative) {
        return bytes(file(relative));
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> nonEmpty(List<Path> files, String where) {
        if (files.isEmpty()) {
            throw new IllegalStateException("no alert files under " + path(where));
        }
        return files;
    }
}
