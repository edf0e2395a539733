package uk.ac.lsst.pipeline.watchlist.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser.Format;

class WatchlistParserTest {

    private static List<WatchlistSource> parse(Format format, String... lines) throws WatchlistFileException {
        return WatchlistParser.parse("test", List.of(lines), format, 5.0);
    }

    private static List<LineProblem> problems(Format format, String... lines) {
        try {
            parse(format, lines);
        } catch (WatchlistFileException e) {
            return e.problems();
        }
        throw new AssertionError("the file was accepted");
    }

    @Test
    void shouldReadTheRealLasairBlLacListWithItsCommentsAndSignedDeclinations() throws Exception {
        List<WatchlistSource> sources = WatchlistParser.parse(
                SharedData.file("watchlists/lasair_BLLac_Massaro2013.txt"), Format.AUTO, 3.0);

        assertThat(sources).hasSize(42);
        assertThat(sources.get(0)).isEqualTo(new WatchlistSource("SHBL J001355.9-185406", 3.4835, -18.9018056, 3.0));
        assertThat(sources).filteredOn(s -> s.name().equals("Markarian 421")).singleElement()
                .satisfies(s -> {
                    assertThat(s.raDeg()).isEqualTo(166.1138333);
                    assertThat(s.decDeg()).isEqualTo(38.2088611);
                });
        assertThat(sources.get(41).name()).isEqualTo("H 2356-309");
        assertThat(sources).allMatch(s -> s.problem() == null);
    }

    @Test
    void shouldReadCsvWithAHeaderInAnyColumnOrderAndQuotedNames() throws Exception {
        List<WatchlistSource> sources = parse(Format.AUTO,
                "# my targets",
                "name,dec,ra,radius_arcsec",
                "\"SN 2026abc, host\",-30.5,10.25,2.5",
                "",
                "M31 core,41.269,10.6847,",
                "\"a \"\"quoted\"\" name\",+0.0,359.9999,3600");

        assertThat(sources).containsExactly(
                new WatchlistSource("SN 2026abc, host", 10.25, -30.5, 2.5),
                new WatchlistSource("M31 core", 10.6847, 41.269, 5.0),
                new WatchlistSource("a \"quoted\" name", 359.9999, 0.0, 3600));
    }

    @Test
    void shouldReadLasairLinesWithAnOptionalRadiusAndHeader() throws Exception {
        List<WatchlistSource> sources = parse(Format.AUTO,
                "RA|Dec|name|radius",
                "10.0|-20.0|first",
                " 20.5 | 30.25 | second | 1.5 ");

        assertThat(sources).containsExactly(
                new WatchlistSource("first", 10.0, -20.0, 5.0),
                new WatchlistSource("second", 20.5, 30.25, 1.5));
    }

    @Test
    void shouldReportEveryBadCsvLineWithItsNumberAndReason() {
        List<LineProblem> problems = problems(Format.CSV,
                "ra,dec,name,radius_arcsec",      // 1
                "10,20,good,1",                  // 2
                "1O.5,20,letter-o,1",            // 3 unparseable RA
                "360,20,ra-too-big,1",           // 4
                "-0.1,20,ra-negative,1",         // 5
                "10,90.5,dec-too-big,1",         // 6
                "10,-91,dec-too-small,1",        // 7
                "10,20,negative-radius,-2",      // 8
                "10,20,huge-radius,3601",        // 9
                "10,20,zero-radius,0",           // 10
                "11,21,good,1",                  // 11 duplicate of line 2
                "10,20,too,many,columns",        // 12
                "10,20",                         // 13 too few columns
                "NaN,20,not-a-number,1",         // 14
                "10,Infinity,infinite,1",        // 15
                "10,20,,1",                      // 16 empty name
                "10,20,hex,0x10",                // 17
                "\"10,20,unterminated,1");       // 18

        assertThat(problems).extracting(LineProblem::line)
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        assertThat(problems.get(0).reason()).isEqualTo("RA '1O.5' is not a decimal number");
        assertThat(problems.get(1).reason()).isEqualTo("RA 360.0 is outside [0, 360) degrees");
        assertThat(problems.get(2).reason()).isEqualTo("RA -0.1 is outside [0, 360) degrees");
        assertThat(problems.get(3).reason()).isEqualTo("Dec 90.5 is outside [-90, 90] degrees");
        assertThat(problems.get(4).reason()).isEqualTo("Dec -91.0 is outside [-90, 90] degrees");
        assertThat(problems.get(5).reason()).isEqualTo("radius -2.0 arcsec is not positive");
        assertThat(problems.get(6).reason()).contains("3601.0 arcsec is larger than the limit of 3600.0 arcsec");
        assertThat(problems.get(7).reason()).isEqualTo("radius 0.0 arcsec is not positive");
        assertThat(problems.get(8).reason()).isEqualTo("duplicate name 'good' (first on line 2)");
        assertThat(problems.get(9).reason()).isEqualTo("expected 4 columns (ra,dec,name,radius_arcsec), found 5");
        assertThat(problems.get(10).reason()).isEqualTo("expected 4 columns (ra,dec,name,radius_arcsec), found 2");
        assertThat(problems.get(11).reason()).isEqualTo("RA 'NaN' is not a decimal number");
        assertThat(problems.get(12).reason()).isEqualTo("Dec 'Infinity' is not a decimal number");
        assertThat(problems.get(13).reason()).isEqualTo("name is empty");
        assertThat(problems.get(14).reason()).isEqualTo("radius '0x10' is not a decimal number");
        assertThat(problems.get(15).reason()).isEqualTo("unterminated double quote");
    }

    @Test
    void shouldReportSeveralProblemsOfOneLine() {
        assertThat(problems(Format.LASAIR, "400|-100|bad|-1"))
                .extracting(LineProblem::toString)
                .containsExactly("line 1: RA 400.0 is outside [0, 360) degrees",
                        "line 1: Dec -100.0 is outside [-90, 90] degrees",
                        "line 1: radius -1.0 arcsec is not positive");
    }

    @Test
    void shouldReportEveryBadLasairLine() {
        List<LineProblem> problems = problems(Format.AUTO,
                "# comment",
                "10|20|a",
                "10|20",
                "10|20|a",
                "ten|20|b",
                "10|20|c|5|extra");

        assertThat(problems).extracting(LineProblem::toString).containsExactly(
                "line 3: expected 3 or 4 columns (RA|Dec|name[|radius_arcsec]), found 2",
                "line 4: duplicate name 'a' (first on line 2)",
                "line 5: RA 'ten' is not a decimal number",
                "line 6: expected 3 or 4 columns (RA|Dec|name[|radius_arcsec]), found 5");
    }

    @Test
    void shouldRejectCsvWithoutAHeader() {
        assertThat(problems(Format.CSV, "# no header", "10.5,20.5,star"))
                .extracting(LineProblem::toString)
                .containsExactly("line 2: expected a header line ra,dec,name[,radius_arcsec], found '10.5,20.5,star':"
                        + " unknown column '10.5', '20.5', 'star'");
    }

    @Test
    void shouldRejectAFileWithoutSources() {
        assertThat(problems(Format.AUTO, "# only comments", ""))
                .extracting(LineProblem::toString).containsExactly("file: no sources: the file has no data lines");
        assertThat(problems(Format.CSV, "ra,dec,name"))
                .extracting(LineProblem::toString).containsExactly("file: no sources: the file has no data lines");
    }

    @Test
    void shouldRejectABadDefaultRadius() {
        assertThatThrownBy(() -> WatchlistParser.parse("f", List.of("1|2|a"), Format.AUTO, 7200))
                .isInstanceOf(WatchlistFileException.class)
                .hasMessageContaining("file: default radius 7200.0 arcsec is larger than the limit");
    }

    @Test
    void shouldNameTheFileAndEveryProblemInTheMessage() {
        assertThatThrownBy(() -> WatchlistParser.parse("targets.csv", List.of("1|2|a", "1|2|a", "x|2|b"),
                Format.AUTO, 5))
                .hasMessage("watch list targets.csv rejected, nothing was uploaded (2 problems):\n"
                        + "  line 2: duplicate name 'a' (first on line 1)\n"
                        + "  line 3: RA 'x' is not a decimal number");
    }

    @Test
    void shouldValidateADefinitionMadeInCode() {
        WatchlistDefinition bad = new WatchlistDefinition("bad id", "", null, 0,
                List.of(new WatchlistSource("a", 1, 2, 3), new WatchlistSource("a", 1, 95, 3)));
        assertThatThrownBy(bad::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("list id 'bad id' is invalid")
                .hasMessageContaining("list name is empty")
                .hasMessageContaining("default radius 0.0 arcsec is not positive")
                .hasMessageContaining("source 2 (a): Dec 95.0 is outside [-90, 90] degrees")
                .hasMessageContaining("source 2: duplicate name 'a' (first as source 1)");
        assertThat(new WatchlistDefinition("ok", "ok", null, 2, List.of(new WatchlistSource("a", 1, 2, 3)))
                .validate().owner()).isEmpty();
        assertThat(new WatchlistSource("x", 359.99, -89.99, 0.1).radiusArcsec()).isCloseTo(0.1, within(0.0));
    }
}
