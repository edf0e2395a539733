package uk.ac.lsst.pipeline.benchmarks.thumbnails;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a harness prints goes to standard output and, with {@code --out FILE}, to that file as well. */
public final class TeeOutput extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    private TeeOutput(OutputStream first, OutputStream second) {
        this.first = first;
        this.second = second;
    }

    /** From now on {@code System.out} also writes to {@code file} (created or replaced). */
    public static void alsoTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream copy = Files.newOutputStream(file);
        System.setOut(new PrintStream(new TeeOutput(System.out, copy), true, StandardCharsets.UTF_8));
    }

    @Override
    public void write(int b) throws IOException {
        first.write(b);
        second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        first.write(b, off, len);
        second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        first.flush();
        second.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        second.close();
    }
}
