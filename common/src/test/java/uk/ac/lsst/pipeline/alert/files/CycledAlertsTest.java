package uk.ac.lsst.pipeline.alert.files;

import uk.ac.lsst.pipeline.sky.Sphere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CycledAlertsTest {

    @Test
    void shouldGiveDistinctNonNegativeIdsForOneSeed() {
        Set<Long> ids = new HashSet<>();
        for (long sequence = 0; sequence < 200_000; sequence++) {
            long id = CycledAlerts.alertId(7, sequence);
            assertThat(id).isNotNegative();
            ids.add(id);
        }
        assertThat(ids).hasSize(200_000);
    }

    @Test
    void shouldGiveTheSameIdsForTheSameSeedAndOthersForAnotherSeed() {
        assertThat(CycledAlerts.alertId(42, 1000)).isEqualTo(CycledAlerts.alertId(42, 1000));
        assertThat(CycledAlerts.alertId(42, 1000)).isNotEqualTo(CycledAlerts.alertId(43, 1000));
    }

    @Test
    void shouldKeepJitteredPositionsWithinTheRadiusEverywhereOnTheSky() {
        SplittableRandom random = new SplittableRandom(20240601);
        double radiusArcsec = 30;
        double largest = 0;
        for (long sequence = 0; sequence < 20_000; sequence++) {
            double ra = random.nextDouble(0, 360);
            double dec = sequence % 10 == 0 ? random.nextDouble(89.99, 90) : random.nextDouble(-90, 90);
            double[] offset = CycledAlerts.positionOffsetDeg(3, sequence, radiusArcsec, ra, dec);
            double distance = 3600 * Sphere.separationDeg(ra, dec, ra + offset[0], dec + offset[1]);
            assertThat(distance).isLessThanOrEqualTo(radiusArcsec + 1e-6);
            largest = Math.max(largest, distance);
        }
        assertThat(largest).as("offsets fill the disc").isGreaterThan(0.99 * radiusArcsec);
    }

    @Test
    void shouldDivideTheRaOffsetByCosDec() {
        double dec = 60;
        double radiusArcsec = 10;
        double largestRaArcsec = 0;
        for (long sequence = 0; sequence < 5_000; sequence++) {
            double[] offset = CycledAlerts.positionOffsetDeg(11, sequence, radiusArcsec, 150, dec);
            largestRaArcsec = Math.max(largestRaArcsec, Math.abs(offset[0]) * 3600);
        }
        assertThat(largestRaArcsec).isCloseTo(radiusArcsec / Math.cos(Math.toRadians(dec)), within(0.1));
    }

    @Test
    void shouldNotMoveAlertsWithoutJitterOrWithoutAPosition() {
        assertThat(CycledAlerts.positionOffsetDeg(1, 5, 0, 10, 20)).containsExactly(0, 0);
        assertThat(CycledAlerts.positionOffsetDeg(1, 5, 10, Double.NaN, 20)).containsExactly(0, 0);
    }

    @Test
    void shouldDrawTheSameOffsetForTheSameSeedAndSequence() {
        assertThat(CycledAlerts.positionOffsetDeg(9, 77, 5, 200, -30))
                .containsExactly(CycledAlerts.positionOffsetDeg(9, 77, 5, 200, -30));
    }
}
