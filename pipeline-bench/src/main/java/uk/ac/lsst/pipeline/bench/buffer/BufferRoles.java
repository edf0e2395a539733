package uk.ac.lsst.pipeline.bench.buffer;

import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.StageRegistry;

/**
 * Which buffers of a pipeline file play the parts of a bench run, found through its stages: upstream is the input of
 * the stage that reads the surveys' topics (buffer-ingest), ingest its output, science the output of the stages that
 * read the ingest buffer. Stateless.
 */
public final class BufferRoles {
    private BufferRoles() {
    }

    /**
     * The stage that takes in the surveys' topics (buffer-ingest in the project's file).
     *
     * @throws IllegalArgumentException when the file has none
     */
    public static StageSpec ingest(PipelineSpec file, StageRegistry registry) {
        return file.stages().values().stream()
                .filter(s -> registry.find(s.type()).map(t -> t.kind().readsUpstream()).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("pipeline file " + file.source()
                        + " has no stage that reads the surveys' topics (buffer-ingest): the bench replays into it"));
    }

    /**
     * The buffer written by the stages that read the ingest stage's output (crossmatch-service's in the project's
     * file), or null when no stage reads it.
     */
    public static String scienceBuffer(PipelineSpec file, StageSpec ingest) {
        return file.stages().values().stream()
                .filter(s -> s != ingest && !s.type().equals(StageKind.EXTERNAL.id())
                        && s.input().buffer().equals(ingest.output().buffer()))
                .map(s -> s.output().buffer()).findFirst().orElse(null);
    }
}
