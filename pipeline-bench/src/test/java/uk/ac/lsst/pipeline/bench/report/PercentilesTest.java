package uk.ac.lsst.pipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldTakeNearestRanksOfOneToHundred() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());
        assertThat(p).isEqualTo(new Percentiles(100, 50, 95, 99, 100));
    }

    @Test
    void shouldGiveTheOnlyValueForEveryRankOfOne() {
        assertThat(Percentiles.of(new long[] {7})).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
    }

    @Test
    void shouldGiveNoneForNoValues() {
        assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.NONE);
    }
}
