package uk.ac.lsst.pipeline.stage;

import java.util.List;
import org.apache.kafka.streams.Topology;

/**
 * A built stage: its topology and what must be closed when it stops (a catalogue watcher, ...), closed in reverse
 * order after the Streams client.
 */
public record StageParts(Topology topology, List<AutoCloseable> resources) {

    public StageParts {
        resources = List.copyOf(resources);
    }

    /** A topology that holds nothing open. */
    public static StageParts of(Topology topology) {
        return new StageParts(topology, List.of());
    }
}
