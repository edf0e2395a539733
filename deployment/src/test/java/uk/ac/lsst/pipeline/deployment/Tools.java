package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The command-line tools some checks run (kubectl, docker-compose, node, docker). Present: used for real. Missing: the
 * check fails when the variable CI is true (.ci/run installs them), and is skipped with a message otherwise.
 */
final class Tools {
    private Tools() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** The tool's path on PATH; fails under CI, skips elsewhere, when it is missing. */
    static Path require(String tool, String installHint) {
        Optional<Path> found = find(tool);
        if (found.isPresent()) {
            return found.get();
        }
        missing(tool + " is not on PATH (" + installHint + ")");
        throw new AssertionError("unreachable");
    }

    /** Fails under CI, skips elsewhere. */
    static void missing(String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + "; CI must install it (see .ci/run)");
        }
        Assumptions.abort(what + ": check skipped on this machine (CI runs it)");
    }

    static Optional<Path> find(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a command in {@code dir}, waiting at most {@code timeoutSeconds}; stdout and stderr are captured. */
    static Result run(Path dir, Map<String, String> env, long timeoutSeconds, List<String> command) {
        try {
            Path out = Files.createTempFile("tool-", ".out");
            Path err = Files.createTempFile("tool-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
