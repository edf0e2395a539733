package uk.ac.lsst.pipeline.alert.files;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link AlertFiles#scan} found: the alert files in replay order, and every other file with its problem, in
 * the same order. Immutable.
 *
 * @param roots    the directories (or files) searched, in the order given
 * @param files    the files that are alert messages (Avro OCF or Confluent wire format)
 * @param problems the files that are not, with the reason
 */
public record AlertDiscovery(List<Path> roots, List<AlertFile> files, List<AlertFileProblem> problems) {

    public AlertDiscovery {
        roots = List.copyOf(roots);
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** Whether nothing at all was found: no alert file and no other file. */
    public boolean isEmpty() {
        return files.isEmpty() && problems.isEmpty();
    }

    /**
     * The alert files, when every file found is one.
     *
     * @return the alert files, never empty
     * @throws AlertFileException listing every file that is not an alert file, or saying that none was found
     */
    public List<AlertFile> requireAllAlerts() {
        if (!problems.isEmpty()) {
            throw new AlertFileException(problems.size() + " of " + (files.size() + problems.size())
                    + " files under " + roots + " are not alert files (Avro OCF or Confluent wire format): "
                    + problems.stream().map(AlertFileProblem::toString).collect(Collectors.joining("; ")));
        }
        if (files.isEmpty()) {
            throw new AlertFileException("no alert files found under " + roots);
        }
        return files;
    }
}
