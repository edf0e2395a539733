package uk.ac.lsst.pipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code main} class run in a JVM of its own, on the test's own class path, with the given environment, its
 * stdout and stderr appended to a log file. {@link #kill()} is SIGKILL on Linux (no shutdown hook runs, nothing is
 * flushed or committed), {@link #stop()} is SIGTERM (a clean shutdown). For crash tests: what a process
 * orchestrator does to a pod. Not thread-safe.
 */
public final class JvmProcess implements AutoCloseable {
    /** Processes still running when this JVM exits are killed, so that none outlives an interrupted test run. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "kill-jvm-processes"));
    }

    private final String name;
    private final Path log;
    private final Process process;

    private JvmProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param name     a label for messages
     * @param env      variables added to this JVM's environment
     * @param log      file that stdout and stderr are appended to (a restarted process appends to the same file)
     * @param jvmArgs  options before the class name ({@code -Xmx256m}, ...)
     * @param args     arguments of {@code main}
     */
    public static JvmProcess start(String name, Class<?> mainClass, Map<String, String> env, Path log,
                                   List<String> jvmArgs, List<String> args) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            RUNNING.add(process);
            process.onExit().thenRun(() -> RUNNING.remove(process));
            return new JvmProcess(name, log, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** {@link #start(String, Class, Map, Path, List, List)} with a 256 MiB heap and no arguments. */
    public static JvmProcess start(String name, Class<?> mainClass, Map<String, String> env, Path log) {
        return start(name, mainClass, env, log, List.of("-Xmx256m"), List.of());
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; the process must have ended. */
    public int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(60);
    }

    /** SIGTERM and waits up to 60 s for a clean exit, then SIGKILL. */
    public void stop() {
        process.destroy();
        if (!awaitExit(60)) {
            kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }

    private boolean awaitExit(long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + this, e);
        }
    }
}
