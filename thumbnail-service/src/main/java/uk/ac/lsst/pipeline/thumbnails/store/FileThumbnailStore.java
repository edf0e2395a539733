package uk.ac.lsst.pipeline.thumbnails.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thumbnails as files under a root directory, laid out as the keys say. Each image is written to a hidden
 * temporary file in its final directory ({@code .<name>.<pid>-<n>.tmp}), then renamed over the target with
 * {@code ATOMIC_MOVE}: a reader (a web server) sees the old image or the new one, never a partial one, and a
 * replayed alert simply replaces its images. Files get the process's default permissions (umask), so a web
 * server can read them. Files are not fsync'ed: after a machine crash an image may be lost or empty, and the
 * alert's record may already be published; re-rendering the stream fixes that.
 *
 * <p>Thread-safe.
 */
public final class FileThumbnailStore implements ThumbnailStore {
    private final Path root;
    private final AtomicLong sequence = new AtomicLong();
    private final long pid = ProcessHandle.current().pid();

    /** @param root the directory of the tree; created if missing */
    public FileThumbnailStore(Path root) throws IOException {
        this.root = Files.createDirectories(root.toAbsolutePath().normalize());
    }

    public Path root() {
        return root;
    }

    /** The file of a key. */
    public Path path(String key) {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("key " + key + " leaves the store's root");
        }
        return target;
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path target = path(key);
        Path dir = Files.createDirectories(target.getParent());
        Path temporary = writeTemporary(dir, target.getFileName().toString(), bytes);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /** Creates a new temporary file beside the target and writes the bytes into it: one open, one write. */
    private Path writeTemporary(Path dir, String name, byte[] bytes) throws IOException {
        while (true) {
            Path candidate = dir.resolve("." + name + "." + pid + "-" + sequence.incrementAndGet() + ".tmp");
            FileChannel channel;
            try {
                channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue; // left over by an earlier process with the same pid: take the next number
            }
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(candidate);
                throw e;
            }
            return candidate;
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
