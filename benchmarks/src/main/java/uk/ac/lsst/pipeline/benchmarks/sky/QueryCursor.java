package uk.ac.lsst.pipeline.benchmarks.sky;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import uk.ac.lsst.pipeline.sky.MatchConsumer;

/** Per-thread query cursor and match checksum of the sky benchmarks, so that no match is optimised away. */
@State(Scope.Thread)
public class QueryCursor implements MatchConsumer {
    int next;
    long checksum;

    @Override
    public void accept(int index, double separationDeg) {
        checksum += index;
    }
}
