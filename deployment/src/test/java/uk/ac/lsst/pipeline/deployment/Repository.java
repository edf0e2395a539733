package uk.ac.lsst.pipeline.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, and the build facts the deployment files must agree with (from Maven). */
final class Repository {
    private Repository() {
    }

    /** The repository's root directory: the one holding pipeline.yaml and the parent pom. */
    static Path root() {
        String dir = System.getProperty("repository.dir");
        Path start = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pipeline.yaml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no pipeline.yaml above " + start);
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The project version, which tags every image. */
    static String version() {
        return property("project.version");
    }

    /** The Kafka version of the build, which the buffers' image must match. */
    static String kafkaVersion() {
        return property("kafka.version");
    }

    /** The default image registry of the Jib images. */
    static String imageRegistry() {
        return property("image.registry");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (run the tests with Maven)");
        }
        return value;
    }
}
