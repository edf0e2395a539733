package uk.ac.lsst.pipeline.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the project itself (the default pipeline file, the samples), found from the build's root directory. */
public final class ProjectFiles {
    private ProjectFiles() {
    }

    /** The project's root directory (system property {@code project.root.dir}, set by the build). */
    public static Path root() {
        String dir = System.getProperty("project.root.dir");
        if (dir == null) {
            throw new IllegalStateException("system property project.root.dir is not set: run the tests with Maven");
        }
        return Path.of(dir);
    }

    /** The default pipeline file, {@code pipeline.yaml} at the root. */
    public static Path pipelineFile() {
        Path file = root().resolve("pipeline.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no pipeline.yaml in " + root());
        }
        return file;
    }
}
