package uk.ac.lsst.pipeline.bench.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunNamesTest {
    private final RunNames names = RunNames.fresh(Instant.parse("2026-11-26T15:26:58Z"), new Random(7));

    @Test
    void shouldStampThePrefixWithTheUtcTimeAndFourHexDigits() {
        assertThat(names.prefix()).matches("bench-20261126-152658-[0-9a-f]{4}-");
        assertThat(names.of("alerts")).isEqualTo(names.prefix() + "alerts");
    }

    @Test
    void shouldMatchOnlyTheRunsNamesOfTheTopicsAPatternMatches() {
        String pattern = names.pattern("ztf_\\d{8}_programid\\d|lsst-alerts.*");
        assertThat(names.of("ztf_20181203_programid1")).matches(pattern);
        assertThat(names.of("lsst-alerts-v9")).matches(pattern);
        assertThat("ztf_20181203_programid1").doesNotMatch(pattern);
        assertThat("bench-20261126-152658-0000-lsst-alerts-v9").doesNotMatch(pattern);
    }

    @Test
    void shouldOwnOnlyNamesBehindItsPrefixAndNothingWithoutOne() {
        assertThat(names.owns(names.of("buffer-ingest"))).isTrue();
        assertThat(names.owns("buffer-ingest")).isFalse();
        assertThat(RunNames.NONE.owns("buffer-ingest")).isFalse();
        assertThat(RunNames.NONE.pattern("ztf_.*")).isEqualTo("ztf_.*");
    }
}
