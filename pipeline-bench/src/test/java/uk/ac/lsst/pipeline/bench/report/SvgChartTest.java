package uk.ac.lsst.pipeline.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SvgChartTest {

    @Test
    void shouldDrawOnePathPerSeriesAndSkipMissingPoints() {
        String svg = new SvgChart("t <1>", "seconds")
                .panel("alerts/s", Map.of("a", new double[][] {{0, 1}, {1, Double.NaN}, {2, 3}}))
                .render();
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n").contains("t &lt;1&gt;");
        assertThat(svg.split("<path ", -1)).hasSize(2);
        assertThat(svg.split("<circle ", -1)).hasSize(3);
    }

    @Test
    void shouldRoundTheAxisUpToOneTwoOrFive() {
        assertThat(SvgChart.niceCeiling(730)).isEqualTo(1000);
        assertThat(SvgChart.niceCeiling(130)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(4.2)).isEqualTo(5);
    }
}
