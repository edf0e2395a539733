package uk.ac.lsst.pipeline.stage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import uk.ac.lsst.pipeline.config.StageSettings;

/** A minimal stage for testing the runner: copies string records from one topic to another, optionally slowly. */
final class CopyStage {
    private CopyStage() {
    }

    /**
     * @param perRecordDelay deliberate processing time per record (a slow consumer), or zero
     * @param processed      counts records processed by this instance
     */
    static Topology topology(String in, String out, Duration perRecordDelay, AtomicLong processed) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()).withName("read-in"))
                .peek((k, v) -> {
                    if (!perRecordDelay.isZero()) {
                        LockSupport.parkNanos(perRecordDelay.toNanos());
                    }
                    processed.incrementAndGet();
                }, Named.as("count-record"))
                .to(out, Produced.with(Serdes.String(), Serdes.String()).withName("write-out"));
        return builder.build();
    }

    static StageRunner runner(String applicationId, String inputBootstrap, String outputBootstrap, Path stateDir,
                              Topology topology) {
        StageSettings settings = StageSettings.local(applicationId, inputBootstrap, outputBootstrap, 1,
                applicationId + "-dead-letters", stateDir, Map.of(
                        "commit.interval.ms", "100",
                        "consumer.auto.offset.reset", "earliest",
                        "consumer.session.timeout.ms", "10000",
                        "consumer.heartbeat.interval.ms", "500"));
        return new StageRunner(settings, topology, new StageMetrics(new SimpleMeterRegistry(), applicationId));
    }
}
