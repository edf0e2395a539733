package uk.ac.lsst.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * One {@code pipeline bench} in this JVM with what it printed: its progress and summary go to {@code System.out},
 * which is captured meanwhile (so tests using this do not run in parallel).
 *
 * @param exitCode the command's exit code
 * @param printed  what went to {@code System.out}
 * @param errors   what the command printed as errors (usage errors, refused files)
 */
record BenchCli(int exitCode, String printed, String errors) {
    /** The samples bundled with the repository (the module runs with its own directory as working directory). */
    static final Path SAMPLES = Path.of("..", "samples");

    static BenchCli run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StringWriter errors = new StringWriter();
        int code;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            code = new CommandLine(new BenchCommand()).setErr(new PrintWriter(errors, true)).execute(args);
        } finally {
            System.setOut(original);
        }
        return new BenchCli(code, printed.toString(StandardCharsets.UTF_8), errors.toString());
    }

    /** The {@code run} of the {@code bench.json} written into {@code out}. */
    static JsonNode report(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("bench.json").toFile()).get("run");
    }
}
