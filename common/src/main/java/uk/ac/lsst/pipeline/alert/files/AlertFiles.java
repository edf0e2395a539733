package uk.ac.lsst.pipeline.alert.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;

/**
 * Finds the alert files to replay or process: every regular file under the given directories (recursively, any file
 * name, hidden files whose name starts with '.' skipped), each directory's files sorted by their path relative to
 * it, directories in the order given. The format of each file is detected from its first bytes; a file that is
 * neither an Avro OCF nor a Confluent wire-format message is a problem that names the file and what it starts
 * with. Stateless.
 */
public final class AlertFiles {
    /** Enough leading bytes for {@link AlertDecoder#detectFormat} (OCF magic: 4 bytes; wire header: 5). */
    private static final int HEADER_BYTES = 16;

    private AlertFiles() {
    }

    /**
     * Every file under the roots, sorted into alert files and files that are not (empty, of another format,
     * unreadable). A file that is not an alert does not stop the search.
     *
     * @param roots directories to search (a plain file is taken as one alert file)
     * @return the alert files in replay order and the other files with their problem; both may be empty
     * @throws AlertFileException when a root does not exist or cannot be listed
     */
    public static AlertDiscovery scan(Collection<Path> roots) {
        List<AlertFile> files = new ArrayList<>();
        List<AlertFileProblem> problems = new ArrayList<>();
        for (Path root : roots) {
            for (Path path : regularFiles(root)) {
                try {
                    files.add(describe(path));
                } catch (NotAnAlertFile e) {
                    problems.add(e.problem);
                }
            }
        }
        return new AlertDiscovery(List.copyOf(roots), files, problems);
    }

    /**
     * The alert files under the roots, for callers that cannot go on past a file that is not one (see
     * {@link #scan} for those that can).
     *
     * @param roots directories to search (a plain file is taken as one alert file)
     * @return the alert files in replay order, never empty
     * @throws AlertFileException when a root does not exist, when any file is not an alert file (all of them are
     *                            listed with the reason), or when no file is found
     */
    public static List<AlertFile> discover(Collection<Path> roots) {
        return scan(roots).requireAllAlerts();
    }

    private static List<Path> regularFiles(Path root) {
        if (!Files.exists(root)) {
            throw new AlertFileException("alert directory " + root + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(root.relativize(p)))
                    .sorted(Comparator.comparing(p -> relativeName(root, p)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new AlertFileException("cannot list alert directory " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** '/'-separated relative path, so the order does not depend on the platform's separator. */
    private static String relativeName(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static AlertFile describe(Path path) throws NotAnAlertFile {
        byte[] header = header(path);
        AlertFormat format = detect(path, header);
        int schemaId = format == AlertFormat.CONFLUENT_WIRE ? ByteBuffer.wrap(header, 1, 4).getInt() : -1;
        return new AlertFile(path, format, schemaId, size(path));
    }

    private static byte[] header(Path path) throws NotAnAlertFile {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static AlertFormat detect(Path path, byte[] header) throws NotAnAlertFile {
        if (header.length == 0) {
            throw new NotAnAlertFile(new AlertFileProblem(path, AlertFileProblem.EMPTY, "is empty"));
        }
        try {
            return AlertDecoder.detectFormat(header);
        } catch (AlertDecodeException e) {
            String start = HexFormat.of().formatHex(header, 0, Math.min(header.length, 8));
            throw new NotAnAlertFile(new AlertFileProblem(path, AlertFileProblem.UNKNOWN_FORMAT,
                    "is neither an Avro OCF file (starting Obj\\1) nor a Confluent wire-format message (starting "
                            + "0x00 and a schema id): it starts with bytes " + start));
        }
    }

    private static long size(Path path) throws NotAnAlertFile {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
    }

    private static NotAnAlertFile unreadable(Path path, IOException e) {
        return new NotAnAlertFile(new AlertFileProblem(path, AlertFileProblem.UNREADABLE,
                "cannot be read: " + e.getMessage()));
    }

    /** Carries a file's problem out of the detection steps; never leaves this class. */
    private static final class NotAnAlertFile extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient AlertFileProblem problem;

        NotAnAlertFile(AlertFileProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }
}
