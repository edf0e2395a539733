package uk.ac.lsst.pipeline.alert.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import uk.ac.lsst.pipeline.alert.AlertFormat;

/**
 * One alert message stored in a file: its bytes are a Kafka message value as it would be published.
 *
 * @param path      where the file is
 * @param format    the layout detected from its first bytes
 * @param schemaId  the Confluent schema id of a wire-format file, -1 for OCF
 * @param sizeBytes its size when it was discovered
 */
public record AlertFile(Path path, AlertFormat format, int schemaId, long sizeBytes) {

    /** Reads the whole file; every call reads it again (nothing is cached). */
    public byte[] read() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alert file " + path, e);
        }
    }
}
