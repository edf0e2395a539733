package uk.ac.lsst.pipeline.bench.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KafkaPerfToolsTest {

    @Test
    void shouldReadTheFetchRatesOfConsumerPerformance() {
        KafkaPerfTools.Result r = KafkaPerfTools.parseConsumer(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, "
                        + "rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-11-26 12:00:00:000, 2026-11-26 12:00:02:000, 143.8, 71.9, 1000, 500.0, 300, 1700, 84.6, 588.2");
        assertThat(r.recordsPerSecond()).isEqualTo(588.2);
        assertThat(r.mbPerSecond()).isEqualTo(84.6);
    }

    @Test
    void shouldCombineProduceAndConsumeRatesAsOneAfterTheOther() {
        assertThat(KafkaPerfTools.produceThenConsume(1000, 1000)).isCloseTo(500, within(1e-9));
        assertThat(KafkaPerfTools.produceThenConsume(100, 900)).isCloseTo(90, within(1e-9));
    }
}
