package uk.ac.lsst.pipeline.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
    private final ThreadCpu cpu = new ThreadCpu(List.of("buffer-ingest", "buffer-ingest-backlog", "crossmatch-service"));

    @Test
    void shouldGroupStreamAndProducerThreadsByTheLongestApplicationId() {
        assertThat(cpu.group("buffer-ingest-0f3a-StreamThread-1")).isEqualTo("buffer-ingest");
        assertThat(cpu.group("buffer-ingest-backlog-77-StreamThread-2")).isEqualTo("buffer-ingest-backlog");
        assertThat(cpu.group("kafka-producer-network-thread | crossmatch-service-9e-StreamThread-1-producer"))
                .isEqualTo("crossmatch-service");
    }

    @Test
    void shouldPutBrokerThreadsIntoTheRest() {
        assertThat(cpu.group("data-plane-kafka-request-handler-3")).isEqualTo(ThreadCpu.OTHER_GROUP);
    }

    @Test
    void shouldTellTheReplayApart() {
        assertThat(cpu.group("bench-replay")).isEqualTo(ThreadCpu.REPLAY_GROUP);
        assertThat(cpu.group("kafka-producer-network-thread | producer-3")).isEqualTo(ThreadCpu.REPLAY_GROUP);
    }

    @Test
    void shouldCountCpuOfThisThreadAfterStart() {
        cpu.start();
        long x = 0;
        for (long i = 0; i < 50_000_000L; i++) {
            x += i ^ (x >>> 3);
        }
        cpu.sample();
        assertThat(x).isNotZero();
        assertThat(cpu.secondsByGroup().get(ThreadCpu.OTHER_GROUP)).isPositive();
    }
}
