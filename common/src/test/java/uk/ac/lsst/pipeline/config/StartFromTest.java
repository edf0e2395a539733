package uk.ac.lsst.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.AutoOffsetReset;
import org.junit.jupiter.api.Test;

class StartFromTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T20:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldMapEachFormToItsResetPolicy() {
        assertThat(StartFrom.parse("earliest").toOffsetReset(clock)).isEqualTo(AutoOffsetReset.earliest());
        assertThat(StartFrom.parse("LATEST").toOffsetReset(clock)).isEqualTo(AutoOffsetReset.latest());
        assertThat(StartFrom.parse("PT6H").toOffsetReset(clock)).isEqualTo(AutoOffsetReset.byDuration(Duration.ofHours(6)));
        assertThat(StartFrom.parse("2026-11-26T18:30:00Z").toOffsetReset(clock))
                .isEqualTo(AutoOffsetReset.byDuration(Duration.ofMinutes(90)));
    }

    @Test
    void shouldTreatAFutureInstantAsNow() {
        assertThat(StartFrom.parse("2027-01-01T00:00:00Z").toOffsetReset(clock))
                .isEqualTo(AutoOffsetReset.byDuration(Duration.ofMillis(1)));
    }

    @Test
    void shouldRejectAnythingElseSayingWhatIsExpected() {
        assertThatThrownBy(() -> StartFrom.parse("yesterday"))
                .hasMessageContaining("START_FROM='yesterday'")
                .hasMessageContaining("earliest, latest");
    }
}
