package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One compose project of docker-compose.yml, driven through the {@code docker-compose} and {@code docker} command
 * lines against one Docker engine. Every command has a timeout and fails, naming the command and quoting its error
 * output, when it does not succeed. Not thread-safe, except {@link #run}.
 */
final class ComposeStack {
    private final Path composeTool;
    private final Path dockerTool;
    private final Path composeFile;
    private final String project;
    private final Path envFile;
    private final Map<String, String> env;

    /**
     * @param environment the variables the compose file reads (blank ones count as unset), and DOCKER_HOST; a
     *                    file of them is written to {@code workDir} and passed as --env-file, so that no .env of the
     *                    checkout is read
     */
    ComposeStack(Path composeTool, Path dockerTool, Path composeFile, String project, Map<String, String> environment,
            Path workDir) {
        this.composeTool = composeTool;
        this.dockerTool = dockerTool;
        this.composeFile = composeFile;
        this.project = project;
        this.env = Map.copyOf(environment);
        this.envFile = workDir.resolve("compose.env");
        try {
            Files.createDirectories(workDir);
            StringBuilder text = new StringBuilder();
            environment.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(envFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A variable of the environment the stack runs with (DOCKER_HOST, those of the compose file). */
    String variable(String name) {
        return env.get(name);
    }

    /** True when the engine holds the image. */
    boolean hasImage(String image) {
        return Tools.run(composeFile.getParent(), env, 60,
                List.of(dockerTool.toString(), "image", "inspect", "--format", "{{.Id}}", image)).exitCode() == 0;
    }

    /** {@code docker-compose ARGS}; fails unless it exits 0 within the timeout. */
    Tools.Result compose(long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(composeTool.toString(), "-f", composeFile.toString(),
                "--project-directory", composeFile.getParent().toString(), "-p", project, "--env-file",
                envFile.toString()));
        command.addAll(Arrays.asList(args));
        return succeeded(command, Tools.run(composeFile.getParent(), env, timeoutSeconds, command));
    }

    /** {@code docker ARGS}; fails unless it exits 0 within the timeout. */
    Tools.Result docker(long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of(dockerTool.toString()));
        command.addAll(Arrays.asList(args));
        return succeeded(command, Tools.run(composeFile.getParent(), env, timeoutSeconds, command));
    }

    /** The effective configuration ({@code docker-compose config}: variables filled in, profiles applied). */
    JsonNode config() {
        return Yaml.readAll(compose(60, "config").stdout()).get(0);
    }

    /** Creates and starts the services (and what they depend on) in the background. */
    void up(List<String> services) {
        List<String> args = new ArrayList<>(List.of("up", "-d", "--no-color"));
        args.addAll(services);
        compose(600, args.toArray(String[]::new));
    }

    /** Runs {@code replicas} containers of the service, leaving the others (and its dependencies) alone. */
    void scale(String service, int replicas) {
        compose(300, "up", "-d", "--no-deps", "--no-recreate", "--scale", service + "=" + replicas, service);
    }

    /**
     * A one-off container of the service with {@code args} as its command (and extra bind mounts
     * {@code host:container[:ro]}), removed afterwards; its dependencies are not started. Thread-safe.
     */
    Tools.Result run(String service, List<String> volumes, List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>(List.of("run", "--rm", "--no-deps", "-T"));
        volumes.forEach(v -> command.addAll(List.of("-v", v)));
        command.add(service);
        command.addAll(args);
        return compose(timeoutSeconds, command.toArray(String[]::new));
    }

    /** The running containers of a service (not the one-off ones of {@link #run}). */
    List<String> running(String service) {
        return docker(30, "ps", "-q", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service,
                "--filter", "label=com.docker.compose.oneoff=False").stdout().lines().filter(l -> !l.isBlank())
                .toList();
    }

    /** Every container of a service, running or exited. */
    List<String> containers(String service) {
        return docker(30, "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service,
                "--filter", "label=com.docker.compose.oneoff=False").stdout().lines().filter(l -> !l.isBlank())
                .toList();
    }

    /** The container's address on one of its networks (any: the host reaches them all). */
    String address(String container) {
        String addresses = docker(30, "inspect", "-f",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", container).stdout().trim();
        if (addresses.isEmpty()) {
            fail("container " + container + " has no address on any network");
        }
        return addresses.split("\\s+")[0];
    }

    /** Status and exit code of a container, e.g. "exited 0". */
    String state(String container) {
        return docker(30, "inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", container).stdout().trim();
    }

    /** Every container of the project with its state, one per line (for progress and failure messages). */
    String states() {
        return docker(30, "ps", "-a", "--filter", "label=com.docker.compose.project=" + project, "--format",
                "{{.Names}}\t{{.Status}}").stdout();
    }

    /** Writes the logs of every container of the project to {@code file}. */
    void saveLogs(Path file) {
        List<String> command = new ArrayList<>(List.of(composeTool.toString(), "-f", composeFile.toString(),
                "--project-directory", composeFile.getParent().toString(), "-p", project, "--env-file",
                envFile.toString(), "logs", "--no-color", "--timestamps"));
        Tools.Result r = Tools.run(composeFile.getParent(), env, 120, command);
        try {
            Files.writeString(file, r.stdout() + r.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops and removes the project's containers, networks and volumes. */
    void down() {
        compose(300, "down", "-v", "--remove-orphans", "--timeout", "30");
    }

    private static Tools.Result succeeded(List<String> command, Tools.Result r) {
        if (r.exitCode() != 0) {
            fail(String.join(" ", command) + " exited " + r.exitCode() + ", expected 0:\n" + tail(r.stderr())
                    + tail(r.stdout()));
        }
        return r;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
                + (lines.isEmpty() ? "" : "\n");
    }

}
