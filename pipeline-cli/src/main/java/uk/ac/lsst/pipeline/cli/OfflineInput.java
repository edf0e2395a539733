package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.SchemaSource;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.alert.files.AlertFileException;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.text.Counts;

/**
 * What the offline commands ({@code xmatch}, {@code watchlist check}, {@code thumbnails}) share about their input:
 * finding the alert files, listing what they skip as {@code <command>: skipped <file>: <reason>} on stderr, the
 * "N skipped" part of their summary and one exit code rule: {@link #EXIT_OK} when every input was processed,
 * {@link #EXIT_SKIPPED} when some was skipped (files that are not alerts, alerts that cannot be used),
 * {@link #EXIT_UNUSABLE} when nothing could be run (bad options, a missing directory, no file at all, a catalogue
 * or watch list that cannot be read). Not thread-safe (one command's run).
 */
final class OfflineInput {
    static final int EXIT_OK = 0;
    static final int EXIT_SKIPPED = 1;
    static final int EXIT_UNUSABLE = 2;

    private final String command;
    private final PrintWriter err;

    /**
     * @param command the command's name as the user typed it, which starts every line printed
     * @param err     where skipped inputs and errors go
     */
    OfflineInput(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
    }

    /**
     * The files under the directories, or empty after printing why there is nothing to run on: a directory that
     * does not exist or cannot be listed, or no file at all.
     */
    Optional<AlertDiscovery> scan(List<Path> roots) {
        AlertDiscovery found;
        try {
            found = AlertFiles.scan(roots);
        } catch (AlertFileException e) {
            error(e.getMessage());
            return Optional.empty();
        }
        if (found.isEmpty()) {
            error("no files found under " + roots + ": expected alert files (Avro OCF or Confluent wire format)");
            return Optional.empty();
        }
        return Optional.of(found);
    }

    /** Prints {@code <command>: skipped <what>}; {@code what} names the input and the reason. */
    void skipped(String what) {
        err.println(command + ": skipped " + what);
    }

    /** Prints {@code <command>: <message>}. */
    void error(String message) {
        err.println(command + ": " + message);
        err.flush();
    }

    /** Prints the summary line, {@code <command>: <summary>}, to {@code out} and flushes it. */
    void summary(PrintWriter out, String summary) {
        out.println(command + ": " + summary);
        out.flush();
    }

    /**
     * The writer schemas of Confluent wire-format alerts: those of {@code --schema-dir} when given, else
     * {@link SchemaSources#defaults()} (those bundled on the class path, if any).
     *
     * @throws ParameterException naming the directory when it is not a directory of schemas
     */
    static SchemaSource schemas(CommandSpec spec, Path schemaDir) {
        if (schemaDir == null) {
            return SchemaSources.defaults();
        }
        try {
            return new SchemaDirectory(schemaDir);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--schema-dir: " + e.getMessage());
        }
    }

    /** "N skipped", the part every summary shares. */
    static String skippedCount(long skipped) {
        return skipped + " skipped";
    }

    /** "N alerts", "1 alert". */
    static String alerts(long n) {
        return Counts.of(n, "alert");
    }

    /** The exit code of a run that got to process its input. */
    static int exitCode(long skipped) {
        return skipped == 0 ? EXIT_OK : EXIT_SKIPPED;
    }
}
