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
 * Finds the alert files to replay: every regular file under the given directories (recursively, any file name,
 * hidden files whose name starts with '.' skipped), each directory's files sorted by their path relative to it,
 * directories in the order given. The format of each file is detected from its first bytes; a file that is
 * neither an Avro OCF nor a Confluent wire-format message is an error that names the file. Stateless.
 */
public final class AlertFiles {
    /** Enough leading bytes for {@link AlertDecoder#detectFormat} (OCF magic: 4 bytes; wire header: 5). */
    private static final int HEADER_BYTES = 16;

    private AlertFiles() {
    }

    /**
     * @param roots directories to search (a plain file is taken as one alert file)
     * @return the alert files in replay order, never empty
     * @throws AlertFileException when a root does not exist, a file cannot be read or has an unknown format, or no
     *                         file is found
     */
    public static List<AlertFile> discover(Collection<Path> roots) {
        List<AlertFile> files = new ArrayList<>();
        for (Path root : roots) {
            for (Path path : regularFiles(root)) {
                files.add(describe(path));
            }
        }
        if (files.isEmpty()) {
            throw new AlertFileException("no alert files found under " + roots);
        }
        return List.copyOf(files);
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

    private static AlertFile describe(Path path) {
        byte[] header = header(path);
        AlertFormat format = detect(path, header);
        int schemaId = format == AlertFormat.CONFLUENT_WIRE ? ByteBuffer.wrap(header, 1, 4).getInt() : -1;
        return new AlertFile(path, format, schemaId, size(path));
    }

    private static byte[] header(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new AlertFileException("cannot read alert file " + path + ": " + e.getMessage(), e);
        }
    }

    private static AlertFormat detect(Path path, byte[] header) {
        try {
            return AlertDecoder.detectFormat(header);
        } catch (AlertDecodeException e) {
            String start = header.length == 0 ? "is empty" : "starts with bytes " + HexFormat.of().formatHex(header,
                    0, Math.min(header.length, 8));
            throw new AlertFileException("alert file " + path + " is neither an Avro OCF file (starting Obj\\1) nor a "
                    + "Confluent wire-format message (starting 0x00 and a schema id): it " + start, e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new AlertFileException("cannot read alert file " + path + ": " + e.getMessage(), e);
        }
    }
}
