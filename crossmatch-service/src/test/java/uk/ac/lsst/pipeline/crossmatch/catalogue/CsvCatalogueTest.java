package uk.ac.lsst.pipeline.crossmatch.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;

/** CSV catalogues as users have them: any of four delimiters, detected from the header line. */
class CsvCatalogueTest {
    /** A few lines in the layout of OpenNGC's NGC.csv: ';'-separated, sexagesimal positions, many empty fields. */
    private static final String OPEN_NGC = """
            Name;Type;RA;Dec;Const;MajAx;MinAx;PosAng;B-Mag;V-Mag;J-Mag;H-Mag;K-Mag;SurfBr;Hubble;Pax;Pm-RA;Pm-Dec;\
            RadVel;Redshift;Cstar U-Mag;Cstar B-Mag;Cstar V-Mag;M;NGC;IC;Cstar Names;Identifiers;Common names;\
            NED notes;OpenNGC notes;Sources
            NGC0224;G;00:42:44.35;+41:16:08.6;And;177.83;69.66;35;4.29;3.44;2.09;1.28;0.98;23.63;Sb;;;;-300;-0.001;\
            ;;;031;;;;2MASX J00424433+4116074,MCG +07-02-016,PGC 002557;Andromeda Galaxy;;;Type:1|RA:1|Dec:1
            NGC5194;G;13:29:52.70;+47:11:42.9;CVn;13.71;11.67;163;9.26;8.36;6.40;5.65;5.50;22.73;SABb;;;;463;0.0015;\
            ;;;051;;;;2MASX J13295269+4711429,IRAS 13277+4727;Whirlpool Galaxy;;;Type:1|RA:1|Dec:1
            NGC7000;HII;20:59:17.14;+44:31:43.6;Cyg;120.00;100.00;;;4.00;;;;;;;;;;;;;;;;;;LBN 373;\
            North America Nebula;;;Type:1|RA:1|Dec:1
            """;

    private final CatalogueLoader loader = new CatalogueLoader(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @Test
    void shouldReadOpenNgcWithItsSemicolonsAndSexagesimalPositions() throws IOException {
        Path file = Files.writeString(dir.resolve("NGC.csv"), OPEN_NGC);
        CatalogueSpec spec = CatalogueSpec.of("ngc", file).withIdColumns("Name").withPositionColumns("RA", "Dec")
                .withFixedKind(SourceKind.GALAXY).withCarryColumns("V-Mag", "Common names");

        Catalogue c = loader.load(spec);

        assertThat(c.size()).isEqualTo(3);
        assertThat(c.id(0)).isEqualTo("NGC0224");
        assertThat(c.raDeg(0)).isCloseTo(15 * (42 / 60.0 + 44.35 / 3600), within(1e-9));
        assertThat(c.decDeg(0)).isCloseTo(41 + 16 / 60.0 + 8.6 / 3600, within(1e-9));
        assertThat(c.id(1)).isEqualTo("NGC5194");
        assertThat((Double) c.carried(1).get("V-Mag")).isCloseTo(8.36, within(1e-6));
        assertThat(c.carried(1)).containsEntry("Common names", "Whirlpool Galaxy");
        assertThat(c.decDeg(2)).isCloseTo(44 + 31 / 60.0 + 43.6 / 3600, within(1e-9));
    }

    @ParameterizedTest(name = "delimiter {0}")
    @CsvSource(delimiter = ' ', ignoreLeadingAndTrailingWhitespace = false, value = {"comma ,", "semicolon ;", "tab \t", "pipe |"})
    void shouldDetectEachDelimiterFromTheHeaderLine(String name, String delimiter) throws IOException {
        String text = String.join("\n", "id,ra,dec,class,note", "s1,183.5313256941,0.0896930301,STAR,\"a, b\"",
                "s2,183.6802074411,0.1261850923,GALAXY,", "s3,359.9999,-89.5,QSO,x", "")
                .replace(",", delimiter).replace("\"a" + delimiter + " b\"", "\"a, b\"");
        Path file = Files.writeString(dir.resolve(name + ".csv"), text);

        Catalogue c = loader.load(CatalogueSpec.of(name, file).withIdColumns("id").withTypeColumn("class")
                .withCarryColumns("note"));

        assertThat(c.size()).isEqualTo(3);
        assertThat(c.id(2)).isEqualTo("s3");
        assertThat(c.raDeg(0)).isEqualTo(183.5313256941);
        assertThat(c.decDeg(2)).isEqualTo(-89.5);
        assertThat(c.kind(1)).isEqualTo(SourceKind.GALAXY);
        assertThat(c.carried(0)).containsEntry("note", "a, b");
    }

    @Test
    void shouldDetectTheDelimiterOfACompressedFile() throws IOException {
        Path file = dir.resolve("ngc.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(OPEN_NGC.getBytes(StandardCharsets.UTF_8));
        }

        Catalogue c = loader.load(CatalogueSpec.of("ngc", file).withIdColumns("Name").withPositionColumns("RA", "Dec"));

        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void shouldReadAHeaderLineWithAnExplicitDelimiter() throws IOException {
        Path file = Files.writeString(dir.resolve("names.txt"), "name;ra;dec\nNGC 1;1.5;-2.5\n");

        Catalogue c = loader.load(CatalogueSpec.of("names", file).withFormat("csv(delimiter=;)")
                .withIdColumns("name"));

        assertThat(c.size()).isEqualTo(1);
        assertThat(c.id(0)).isEqualTo("NGC 1");
        assertThat(c.decDeg(0)).isEqualTo(-2.5);
    }

    @Test
    void shouldSayWhichDelimiterWasAssumedAndHowToSetAnother() throws IOException {
        Path file = Files.writeString(dir.resolve("broken-ngc.csv"), "ra;dec;name\n1;2;a\n3;4;b;extra;fields\n");

        assertThatThrownBy(() -> loader.load(CatalogueSpec.of("broken-ngc", file)))
                .isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("catalogue broken-ngc: cannot read " + file + " as CSV with ';' as the "
                        + "delimiter (detected from the header line): ")
                .hasMessageContaining("Wrong number of columns")
                .hasMessageEndingWith(". If the file has another delimiter, set CATALOGUE_BROKEN_NGC_FORMAT "
                        + "(pipeline xmatch: --format) to csv(delimiter=;), csv(delimiter=|), csv(delimiter=0x09) "
                        + "for tab or csv(delimiter=0x2c) for comma; or to another format (ecsv, votable, fits, ...)");
    }

    @Test
    void shouldCountOnlyDelimitersOutsideQuotes() {
        assertThat(CsvDelimiter.ofHeader("\"ra; deg\",\"dec; deg\",name")).isEqualTo(CsvDelimiter.COMMA);
        assertThat(CsvDelimiter.ofHeader("\"ra, deg\";\"dec, deg\";name")).isEqualTo(CsvDelimiter.SEMICOLON);
        assertThat(CsvDelimiter.ofHeader("ra\tdec\tname")).isEqualTo(CsvDelimiter.TAB);
        assertThat(CsvDelimiter.ofHeader("ra|dec|name,alias")).isEqualTo(CsvDelimiter.PIPE);
        assertThat(CsvDelimiter.ofHeader("ra")).isEqualTo(CsvDelimiter.COMMA);
    }
}
