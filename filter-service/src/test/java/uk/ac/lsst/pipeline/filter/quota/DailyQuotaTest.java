package uk.ac.lsst.pipeline.filter.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.filter.HandClock;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;

class DailyQuotaTest {
    private static final FilterKey ALICE = new FilterKey("alice", "sn");
    private static final FilterKey BOB = new FilterKey("bob", "sn");

    @Test
    void shouldWriteWhileWithinTheQuotaAndDropBeyondIt() {
        DailyQuota quota = new DailyQuota(new HandClock("2026-12-04T10:00:00Z"));

        assertThat(quota.tryWrite(ALICE, 1000, 600)).isEqualTo(QuotaDecision.WRITE);
        assertThat(quota.tryWrite(ALICE, 1000, 400)).isEqualTo(QuotaDecision.WRITE);
        assertThat(quota.tryWrite(ALICE, 1000, 1)).isEqualTo(QuotaDecision.FIRST_DROP);
        assertThat(quota.tryWrite(ALICE, 1000, 50)).isEqualTo(QuotaDecision.DROP);

        assertThat(quota.usage(ALICE)).isEqualTo(new QuotaUsage(LocalDate.of(2026, 12, 4), 1000, 2, 51, 2));
    }

    @Test
    void aSmallerRecordShouldStillFitAfterALargeOneWasDropped() {
        DailyQuota quota = new DailyQuota(new HandClock("2026-12-04T10:00:00Z"));
        quota.tryWrite(ALICE, 1000, 900);

        assertThat(quota.tryWrite(ALICE, 1000, 200)).isEqualTo(QuotaDecision.FIRST_DROP);
        assertThat(quota.tryWrite(ALICE, 1000, 100)).isEqualTo(QuotaDecision.WRITE);
    }

    @Test
    void filtersShouldHaveQuotasOfTheirOwn() {
        DailyQuota quota = new DailyQuota(new HandClock("2026-12-04T10:00:00Z"));
        quota.tryWrite(ALICE, 100, 100);

        assertThat(quota.tryWrite(BOB, 100, 100)).isEqualTo(QuotaDecision.WRITE);
        assertThat(quota.tryWrite(ALICE, 100, 1)).isEqualTo(QuotaDecision.FIRST_DROP);
        assertThat(quota.usage(BOB).bytesWritten()).isEqualTo(100);
    }

    @Test
    void shouldStartAgainAtUtcMidnight() {
        HandClock clock = new HandClock("2026-12-04T23:59:59.999Z");
        DailyQuota quota = new DailyQuota(clock);
        quota.tryWrite(ALICE, 100, 100);
        assertThat(quota.tryWrite(ALICE, 100, 10)).isEqualTo(QuotaDecision.FIRST_DROP);

        clock.set("2026-12-05T00:00:00Z");

        assertThat(quota.usage(ALICE)).isEqualTo(new QuotaUsage(LocalDate.of(2026, 12, 5), 0, 0, 0, 0));
        assertThat(quota.tryWrite(ALICE, 100, 100)).isEqualTo(QuotaDecision.WRITE);
        assertThat(quota.tryWrite(ALICE, 100, 10)).isEqualTo(QuotaDecision.FIRST_DROP);
    }

    @Test
    void aClockSteppingBackAcrossMidnightShouldKeepTheLaterDay() {
        HandClock clock = new HandClock("2026-12-05T00:00:01Z");
        DailyQuota quota = new DailyQuota(clock);
        quota.tryWrite(ALICE, 100, 100);

        clock.set("2026-12-04T23:59:59Z");

        assertThat(quota.tryWrite(ALICE, 100, 1)).isEqualTo(QuotaDecision.FIRST_DROP);
        assertThat(quota.usage(ALICE).day()).isEqualTo(LocalDate.of(2026, 12, 5));
    }

    @Test
    void forgettingAFilterShouldClearItsCounts() {
        DailyQuota quota = new DailyQuota(new HandClock("2026-12-04T10:00:00Z"));
        quota.tryWrite(ALICE, 100, 100);

        quota.forget(ALICE);

        assertThat(quota.tryWrite(ALICE, 100, 100)).isEqualTo(QuotaDecision.WRITE);
    }
}
