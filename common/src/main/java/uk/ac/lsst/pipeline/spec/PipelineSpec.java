package uk.ac.lsst.pipeline.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole pipeline as one file describes it: buffers, their topics, and the stages between them. See the default
 * {@code pipeline.yaml} at the root of the project for the format.
 *
 * @param source  where it was read from (for messages)
 * @param buffers the buffers by name, in file order
 * @param stages  the stages by name, in file order
 */
public record PipelineSpec(String source, Map<String, BufferSpec> buffers, Map<String, StageSpec> stages) {

    /** The variable that names the pipeline file of a stage process. */
    public static final String FILE_VARIABLE = "PIPELINE_FILE";

    public PipelineSpec {
        buffers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
        stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /**
     * Reads and validates a pipeline file, taking {@code ${NAME}} and {@code ${NAME:-default}} from {@code env}.
     *
     * @throws PipelineFileException naming every problem with its line
     */
    public static PipelineSpec load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineFileException(file.toString(), List.of("cannot read the file: " + e));
        }
        return parse(text, file.toString(), env);
    }

    /** Parses the text of a pipeline file; see {@link #load}. */
    public static PipelineSpec parse(String text, String source, Map<String, String> env) {
        return new PipelineFileParser(source, env).parse(text);
    }

    public BufferSpec buffer(String name) {
        BufferSpec b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no buffer '" + name + "' in " + source + ": expected one of "
                    + buffers.keySet());
        }
        return b;
    }

    public StageSpec stage(String name) {
        StageSpec s = stages.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no stage '" + name + "' in " + source + ": expected one of "
                    + stages.keySet());
        }
        return s;
    }

    /** The same pipeline with one buffer at another address. */
    public PipelineSpec withBootstrap(String buffer, String servers) {
        Map<String, BufferSpec> copy = new LinkedHashMap<>(buffers);
        copy.put(buffer, buffer(buffer).withBootstrap(servers));
        return new PipelineSpec(source, copy, stages);
    }
}
