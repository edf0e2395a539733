package uk.ac.lsst.pipeline.local.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReplayScheduleTest {
    private static final long MS = 1_000_000L;

    @Test
    void shouldSpaceAlertsEvenlyAtAFixedRate() {
        ReplaySchedule schedule = ReplaySchedule.rate(100);

        assertThat(dueTimes(schedule, 4)).containsExactly(0L, 10 * MS, 20 * MS, 30 * MS);
        assertThat(schedule.dueNanos(100)).isEqualTo(1_000 * MS);
        assertThat(schedule.dueNanos(360_000)).isEqualTo(Duration.ofHours(1).toNanos());
    }

    @Test
    void shouldHandleFractionalRates() {
        ReplaySchedule schedule = ReplaySchedule.rate(0.5);

        assertThat(dueTimes(schedule, 3)).containsExactly(0L, 2_000 * MS, 4_000 * MS);
    }

    @Test
    void shouldSendEachBurstAtOnceThenWaitForTheNextVisit() {
        ReplaySchedule schedule = ReplaySchedule.bursts(3, Duration.ofSeconds(40));
        long visit = Duration.ofSeconds(40).toNanos();

        assertThat(dueTimes(schedule, 7)).containsExactly(0L, 0L, 0L, visit, visit, visit, 2 * visit);
    }

    @Test
    void shouldSendEverythingAtOnceAtFullSpeed() {
        assertThat(dueTimes(ReplaySchedule.fullSpeed(), 5)).containsOnly(0L);
        assertThat(ReplaySchedule.fullSpeed().dueNanos(Long.MAX_VALUE / 2)).isZero();
    }

    @Test
    void shouldTreatRateZeroAsFullSpeed() {
        assertThat(ReplaySchedule.rate(0)).isEqualTo(ReplaySchedule.fullSpeed());
    }

    @Test
    void shouldNeverScheduleAnAlertBeforeThePreviousOne() {
        for (ReplaySchedule schedule : List.of(ReplaySchedule.rate(3), ReplaySchedule.rate(12_345.6),
                ReplaySchedule.bursts(7, Duration.ofMillis(1500)), ReplaySchedule.fullSpeed())) {
            List<Long> due = dueTimes(schedule, 10_000);
            assertThat(due).as(schedule.describe()).isSorted();
        }
    }

    @Test
    void shouldRejectImpossiblePacing() {
        assertThatThrownBy(() -> ReplaySchedule.rate(-1)).hasMessageContaining("rate");
        assertThatThrownBy(() -> ReplaySchedule.rate(Double.NaN)).hasMessageContaining("rate");
        assertThatThrownBy(() -> ReplaySchedule.bursts(0, Duration.ofSeconds(1))).hasMessageContaining("burst");
        assertThatThrownBy(() -> ReplaySchedule.bursts(10, Duration.ZERO)).hasMessageContaining("between bursts");
    }

    private static List<Long> dueTimes(ReplaySchedule schedule, int n) {
        return LongStream.range(0, n).map(schedule::dueNanos).boxed().toList();
    }
}
