package uk.ac.lsst.pipeline.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import uk.ac.lsst.pipeline.buffer.TopicSpec;

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
     * Reads and validates a pipeline file, taking {@code ${NAME}} and {@code ${NAME:-default}} from {@code env};
     * stage types are checked against {@code kinds}.
     *
     * @throws PipelineFileException naming every problem with its line
     */
    public static PipelineSpec load(Path file, Map<String, String> env, StageKinds kinds) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PipelineFileException(file.toString(), List.of("cannot read the file: " + e));
        }
        return parse(text, file.toString(), env, kinds);
    }

    /** Parses the text of a pipeline file; see {@link #load}. */
    public static PipelineSpec parse(String text, String source, Map<String, String> env, StageKinds kinds) {
        return new PipelineFileParser(source, env, kinds).parse(text);
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

    /** The same pipeline with this buffer in place of the one of the same name. */
    public PipelineSpec withBuffer(BufferSpec buffer) {
        buffer(buffer.name());
        Map<String, BufferSpec> copy = new LinkedHashMap<>(buffers);
        copy.put(buffer.name(), buffer);
        return new PipelineSpec(source, copy, stages);
    }

    /** The same pipeline with this topic added to a buffer, or in place of the one of the same name there. */
    public PipelineSpec withTopic(String buffer, TopicSpec topic) {
        BufferSpec b = buffer(buffer);
        Map<String, TopicSpec> topics = new LinkedHashMap<>(b.topics());
        topics.put(topic.name(), topic);
        return withBuffer(new BufferSpec(b.name(), b.bootstrap(), b.managed(), b.replication(), b.security(),
                b.properties(), topics, b.line()));
    }

    /** The same pipeline with this stage added, or in place of the one of the same name. */
    public PipelineSpec withStage(StageSpec stage) {
        Map<String, StageSpec> copy = new LinkedHashMap<>(stages);
        copy.put(stage.name(), stage);
        return new PipelineSpec(source, buffers, copy);
    }

    /**
     * The same pipeline with every topic of every managed buffer, every topic a stage names (by role or in a list)
     * and every consumer group renamed by {@code names}, and every upstream topic pattern replaced by
     * {@code patterns}: a copy of the pipeline that meets none of the original's topics and groups on the same
     * buffers.
     */
    public PipelineSpec renamed(UnaryOperator<String> names, UnaryOperator<String> patterns) {
        Map<String, BufferSpec> newBuffers = new LinkedHashMap<>();
        buffers.values().forEach(b -> {
            Map<String, TopicSpec> topics = new LinkedHashMap<>();
            b.topics().values().forEach(t -> {
                TopicSpec renamed = new TopicSpec(names.apply(t.name()), t.partitions(), t.replicationFactor(),
                        t.configs());
                topics.put(renamed.name(), renamed);
            });
            newBuffers.put(b.name(), new BufferSpec(b.name(), b.bootstrap(), b.managed(), b.replication(),
                    b.security(), b.properties(), topics, b.line()));
        });
        Map<String, StageSpec> newStages = new LinkedHashMap<>();
        stages.values().forEach(s -> newStages.put(s.name(), new StageSpec(s.name(), s.type(),
                names.apply(s.group()), renamed(s.input(), names, patterns), renamed(s.output(), names, patterns),
                s.threads(), s.replicas(), s.settings(), s.line())));
        return new PipelineSpec(source, newBuffers, newStages);
    }

    private static StageSpec.Endpoint renamed(StageSpec.Endpoint e, UnaryOperator<String> names,
                                              UnaryOperator<String> patterns) {
        Map<String, String> roles = new LinkedHashMap<>();
        e.topics().forEach((role, topic) -> roles.put(role, names.apply(topic)));
        return new StageSpec.Endpoint(e.buffer(), roles, e.topicList().stream().map(names).toList(),
                e.topicPattern() == null ? null : patterns.apply(e.topicPattern()));
    }

    /** The same pipeline with every topic of every managed buffer replaced by {@code change}'s result. */
    public PipelineSpec withTopics(UnaryOperator<TopicSpec> change) {
        Map<String, BufferSpec> newBuffers = new LinkedHashMap<>();
        buffers.values().forEach(b -> {
            Map<String, TopicSpec> topics = new LinkedHashMap<>();
            b.topics().values().forEach(t -> topics.put(t.name(), b.managed() ? change.apply(t) : t));
            newBuffers.put(b.name(), new BufferSpec(b.name(), b.bootstrap(), b.managed(), b.replication(),
                    b.security(), b.properties(), topics, b.line()));
        });
        return new PipelineSpec(source, newBuffers, stages);
    }

    /** The same pipeline with one buffer at another address. */
    public PipelineSpec withBootstrap(String buffer, String servers) {
        Map<String, BufferSpec> copy = new LinkedHashMap<>(buffers);
        copy.put(buffer, buffer(buffer).withBootstrap(servers));
        return new PipelineSpec(source, copy, stages);
    }
}
