package uk.ac.lsst.pipeline.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded schedule of a fault run: how many alerts at what rate, and which faults, in which order, after which
 * pauses. The same seed gives the same schedule (when each fault lands in the stream still depends on the
 * machine's speed). Immutable.
 *
 * @param alerts         alerts replayed upstream
 * @param alertsPerSecond replay rate
 * @param seed           seeds the replay's fresh alert ids and the fault schedule
 * @param faults         the faults in order
 */
record FaultPlan(int alerts, double alertsPerSecond, long seed, List<Fault> faults) {

    enum Kind { KILL_STAGE, KILL_INGEST_BUFFER, STOP_UPSTREAM }

    /**
     * One fault.
     *
     * @param kind     what is done
     * @param stage    index of the stage to kill (for {@code KILL_STAGE})
     * @param before   pause before it, after the previous fault's action
     * @param downtime how long the killed or stopped component stays down before it is started again
     */
    record Fault(Kind kind, int stage, Duration before, Duration downtime) {
        String describe(List<String> stages) {
            return switch (kind) {
                case KILL_STAGE -> "kill -9 " + stages.get(stage) + ", down " + downtime.toMillis() + " ms";
                case KILL_INGEST_BUFFER -> "kill -9 the ingest buffer's broker, restart";
                case STOP_UPSTREAM -> "stop the upstream buffer for " + downtime.toMillis() + " ms";
            };
        }
    }

    /**
     * Faults in the proportions kill a stage 3 : kill the ingest buffer 1 : stop the upstream 1 (at least one of
     * each when {@code count >= 3}), shuffled, spread over the replay's duration.
     */
    static FaultPlan seeded(int alerts, double alertsPerSecond, int count, long seed, int stages) {
        Random random = new Random(seed);
        List<Kind> kinds = new ArrayList<>();
        Kind[] pattern = {Kind.KILL_STAGE, Kind.KILL_INGEST_BUFFER, Kind.STOP_UPSTREAM, Kind.KILL_STAGE,
                Kind.KILL_STAGE};
        for (int i = 0; i < count; i++) {
            kinds.add(pattern[i % pattern.length]);
        }
        Collections.shuffle(kinds, random);
        double replaySeconds = alerts / alertsPerSecond;
        double meanGapSeconds = replaySeconds / (count + 1);
        List<Fault> faults = new ArrayList<>();
        for (Kind kind : kinds) {
            Duration before = seconds(meanGapSeconds * (0.2 + 0.8 * random.nextDouble()));
            int stage = random.nextInt(stages);
            Duration downtime = switch (kind) {
                case KILL_STAGE -> seconds(3 * random.nextDouble());
                case KILL_INGEST_BUFFER -> Duration.ZERO;
                case STOP_UPSTREAM -> seconds(3 + 12 * random.nextDouble());
            };
            faults.add(new Fault(kind, stage, before, downtime));
        }
        return new FaultPlan(alerts, alertsPerSecond, seed, List.copyOf(faults));
    }

    /** The plan the system properties ask for ({@code faults.alerts}, {@code .rate}, {@code .count}, {@code .seed}). */
    static FaultPlan fromSystemProperties(int stages) {
        return seeded(Integer.getInteger("faults.alerts", 1500),
                Double.parseDouble(System.getProperty("faults.rate", "50")),
                Integer.getInteger("faults.count", 4),
                Long.getLong("faults.seed", 20261126L), stages);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
