package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a file looked like on disk: its size and modification time. A different stamp means the file changed.
 *
 * @param sizeBytes      size in bytes, -1 if the file could not be read
 * @param modifiedMillis last modification, epoch milliseconds
 */
public record FileStamp(long sizeBytes, long modifiedMillis) {
    public static final FileStamp MISSING = new FileStamp(-1, -1);

    /** The file's stamp now, or {@link #MISSING} when it cannot be read (e.g. in the middle of a rename). */
    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.size(), a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return MISSING;
        }
    }
}
