package uk.ac.lsst.pipeline.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.StageDefaults;
import uk.ac.lsst.pipeline.config.StageSettings;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.spec.StageKind;
import uk.ac.lsst.pipeline.stage.Stage;
import uk.ac.lsst.pipeline.stage.StageConfig;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageParts;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * A minimal stage for testing the runner: copies string records from topic {@code IN_TOPIC} to {@code OUT_TOPIC},
 * optionally slowly, counting them.
 */
public final class CopyStage implements Stage<CopyStage.Settings> {
    public static final StageKind KIND = new StageKind("copy", List.of("in"), List.of("out"), false);

    /** Its settings: the common ones and its two topics. */
    public record Settings(StageSettings stage, TopicUse in, TopicUse out) implements StageConfig {
        @Override
        public List<TopicUse> reads() {
            return List.of(in);
        }

        @Override
        public List<TopicUse> writes() {
            return List.of(out);
        }

        @Override
        public String describe() {
            return "copies " + in + " to " + out;
        }
    }

    private final Duration perRecordDelay;
    private final AtomicLong processed;

    /**
     * @param perRecordDelay deliberate processing time per record (a slow consumer), or zero
     * @param processed      counts records processed by this instance
     */
    public CopyStage(Duration perRecordDelay, AtomicLong processed) {
        this.perRecordDelay = perRecordDelay;
        this.processed = processed;
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public Settings settings(Env env) {
        return new Settings(StageSettings.fromEnv(env, StageDefaults.of("copy", "copy-dead-letters")),
                TopicUse.fromEnv(env, "in", "in"), TopicUse.fromEnv(env, "out", "out"));
    }

    @Override
    public StageParts build(Settings settings, StageContext context) {
        return StageParts.of(topology(settings.in().name(), settings.out().name(), perRecordDelay, processed));
    }

    /** The copying topology. */
    public static Topology topology(String in, String out, Duration perRecordDelay, AtomicLong processed) {
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

    /**
     * The variables of a copy stage between two plaintext buffers, with an ephemeral HTTP port, a fast commit
     * interval and the given extra variables.
     */
    public static Map<String, String> env(String applicationId, String inputBootstrap, String outputBootstrap,
                                          Path stateDir, String in, String out, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("APPLICATION_ID", applicationId);
        env.put("INPUT_BOOTSTRAP_SERVERS", inputBootstrap);
        env.put("OUTPUT_BOOTSTRAP_SERVERS", outputBootstrap);
        env.put("IN_TOPIC", in);
        env.put("OUT_TOPIC", out);
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", stateDir.toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "100");
        env.put("KAFKA_CONSUMER_AUTO_OFFSET_RESET", "earliest");
        env.put("KAFKA_CONSUMER_SESSION_TIMEOUT_MS", "10000");
        env.put("KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS", "500");
        env.putAll(extra);
        return env;
    }

    /** A copy stage, not started, through the generic entry point. */
    public static StageRunner runner(String applicationId, String inputBootstrap, String outputBootstrap,
                                     Path stateDir, String in, String out, Duration perRecordDelay,
                                     AtomicLong processed) {
        return StageMain.create(new CopyStage(perRecordDelay, processed),
                env(applicationId, inputBootstrap, outputBootstrap, stateDir, in, out, Map.of()));
    }
}
