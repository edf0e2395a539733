package uk.ac.lsst.pipeline.crossmatch.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SexagesimalTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "12:34:56.78; 188.73658333333",
            "12 34 56.78; 188.73658333333",
            "12h34m56.78s; 188.73658333333",
            "12h 34m 56.78s; 188.73658333333",
            "  00:00:00 ; 0",
            "23:59:59.999; 359.99999583333",
            "12:34.5; 188.625",
            "187.25; 187.25",
            "0; 0"})
    void shouldParseRightAscension(String text, double degrees) {
        assertThat(Sexagesimal.raDeg(text)).isCloseTo(degrees, within(1e-9));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "+12:34:56.7; 12.58241666667",
            "-12:34:56.7; -12.58241666667",
            "-00:30:00; -0.5",
            "-00 30 00; -0.5",
            "-0d30m0s; -0.5",
            "-12°34'56.7\"; -12.58241666667",
            "+89 59 59.99; 89.99999722222",
            "90:00:00; 90",
            "-45.5; -45.5"})
    void shouldParseDeclinationWithTheSignOnTheWholeAngle(String text, double degrees) {
        assertThat(Sexagesimal.decDeg(text)).isCloseTo(degrees, within(1e-9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"24:00:00", "12:60:00", "12:00:60", "-01:00:00", "abc", "12:34:56:78", "360", "-1",
            "12:3x:00", ""})
    void shouldRefuseImpossibleRightAscensions(String text) {
        assertThatThrownBy(() -> Sexagesimal.raDeg(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+90:00:01", "-91:00:00", "10:61:00", "95.5", "north", "1:2.5:3"})
    void shouldRefuseImpossibleDeclinations(String text) {
        assertThatThrownBy(() -> Sexagesimal.decDeg(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseDecimalMinutesFollowedBySeconds() {
        assertThatThrownBy(() -> Sexagesimal.raDeg("12:34.5:10")).hasMessageContaining("decimal minutes");
    }

    @Property(seed = "20261126", tries = 500)
    void shouldReadBackWhatIsWrittenInAnyStyle(@ForAll @IntRange(min = 0, max = 23) int h,
                                               @ForAll @IntRange(min = 0, max = 59) int m,
                                               @ForAll @IntRange(min = 0, max = 59_999) int milliSeconds,
                                               @ForAll @IntRange(min = -89, max = 89) int d,
                                               @ForAll @IntRange(min = 0, max = 2) int style) {
        double s = milliSeconds / 1000.0;
        String[] ra = {"%d:%02d:%06.3f", "%d %02d %06.3f", "%dh%02dm%06.3fs"};
        String[] dec = {"%s%d:%02d:%06.3f", "%s%d %02d %06.3f", "%s%dd%02dm%06.3fs"};
        String raText = String.format(Locale.ROOT, ra[style], h, m, s);
        String decText = String.format(Locale.ROOT, dec[style], d < 0 ? "-" : "+", Math.abs(d), m, s);

        assertThat(Sexagesimal.raDeg(raText)).isCloseTo(15 * (h + m / 60.0 + s / 3600), within(1e-9));
        assertThat(Sexagesimal.decDeg(decText))
                .isCloseTo(Math.signum(d == 0 ? 1 : d) * (Math.abs(d) + m / 60.0 + s / 3600), within(1e-9));
    }
}
