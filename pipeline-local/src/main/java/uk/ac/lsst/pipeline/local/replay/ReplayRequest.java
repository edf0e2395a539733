package uk.ac.lsst.pipeline.local.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.alert.files.CycledAlerts;

/**
 * What to replay and how. Immutable; build with {@link #builder(String, List)}.
 *
 * @param topic            the topic to publish to
 * @param alertDirs        directories of alert files (see {@link AlertFiles}), in the order to replay them
 * @param count            how many alerts to send; empty for one pass over the files. Beyond one pass the
 *                         files are cycled and every copy is made distinct (see {@link CycledAlerts})
 * @param schedule         pacing
 * @param jitterArcsec     radius within which cycled copies are moved (0: not moved)
 * @param seed             seeds the ids and offsets of cycled copies
 * @param createTopic      create the topic if it is missing (else it must exist)
 * @param partitions       partitions of a topic this replay creates
 * @param readyTimeout     how long to wait for the topic to take writes before the first send
 */
public record ReplayRequest(
        String topic,
        List<Path> alertDirs,
        OptionalLong count,
        ReplaySchedule schedule,
        double jitterArcsec,
        long seed,
        boolean createTopic,
        int partitions,
        Duration readyTimeout) {

    public ReplayRequest {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        alertDirs = List.copyOf(alertDirs);
        if (topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        if (alertDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one alert directory is needed");
        }
        if (count.isPresent() && count.getAsLong() < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count.getAsLong());
        }
        if (!(jitterArcsec >= 0) || Double.isInfinite(jitterArcsec)) {
            throw new IllegalArgumentException("jitter must be a finite number of arcsec >= 0, got " + jitterArcsec);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }

    /** Defaults: one pass, full speed, no jitter, seed 0, topic must exist, 1 partition, 60 s ready timeout. */
    public static Builder builder(String topic, List<Path> alertDirs) {
        return new Builder(topic, alertDirs);
    }

    /** Not thread-safe. */
    public static final class Builder {
        private final String topic;
        private final List<Path> alertDirs;
        private OptionalLong count = OptionalLong.empty();
        private ReplaySchedule schedule = ReplaySchedule.fullSpeed();
        private double jitterArcsec;
        private long seed;
        private boolean createTopic;
        private int partitions = 1;
        private Duration readyTimeout = Duration.ofSeconds(60);

        private Builder(String topic, List<Path> alertDirs) {
            this.topic = topic;
            this.alertDirs = alertDirs;
        }

        public Builder count(long count) {
            this.count = OptionalLong.of(count);
            return this;
        }

        public Builder schedule(ReplaySchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder jitterArcsec(double jitterArcsec) {
            this.jitterArcsec = jitterArcsec;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Create the topic with this many partitions if it is missing. */
        public Builder createTopic(int partitions) {
            this.createTopic = true;
            this.partitions = partitions;
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        public ReplayRequest build() {
            return new ReplayRequest(topic, alertDirs, count, schedule, jitterArcsec, seed, createTopic, partitions,
                    readyTimeout);
        }
    }
}
