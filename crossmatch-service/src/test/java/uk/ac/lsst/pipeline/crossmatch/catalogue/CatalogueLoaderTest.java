package uk.ac.lsst.pipeline.crossmatch.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static uk.ac.lsst.pipeline.crossmatch.testing.Tables.column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;
import uk.ac.lsst.pipeline.crossmatch.testing.Tables;

class CatalogueLoaderTest {
    private final CatalogueLoader loader = new CatalogueLoader(Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private Tables threeSources() {
        return Tables.with(column("objid", Long.class, null), column("RA", Double.class, "deg"),
                        column("DEC", Double.class, "deg"), column("class", String.class, null),
                        column("z", Double.class, null), column("rmag", Float.class, "mag"),
                        column("plate", Integer.class, null))
                .row(1237648704577142822L, 183.5313256941, 0.0896930301, "STAR", -8.956e-6, 15.94699f, 3306)
                .row(1237648704577142823L, 183.6802074411, 0.1261850923, "GALAXY", 0.1231112, 17.47428f, null)
                .row(1237648704577142824L, 359.9999, -89.5, "QSO", 2.5, null, 287);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"csv", "ecsv", "votable", "fits"})
    void shouldLoadEveryFormatWithIdsTypesAndCarriedColumns(String format) {
        Path file = threeSources().write(dir.resolve("sources." + format), format);
        CatalogueSpec spec = CatalogueSpec.of("test", file).withIdColumns("objid").withPositionColumns("ra", "dec")
                .withTypeColumn("class").withCarryColumns("z", "rmag", "plate");

        Catalogue c = loader.load(spec);

        assertThat(c.size()).isEqualTo(3);
        assertThat(c.id(0)).isEqualTo("1237648704577142822");
        assertThat(c.raDeg(1)).isEqualTo(183.6802074411);
        assertThat(c.decDeg(2)).isEqualTo(-89.5);
        assertThat(c.type(1)).isEqualTo("GALAXY");
        assertThat(c.kind(0)).isEqualTo(SourceKind.STAR);
        assertThat(c.kind(1)).isEqualTo(SourceKind.GALAXY);
        assertThat(c.kind(2)).isEqualTo(SourceKind.QSO);
        assertThat(c.carried(0)).containsOnlyKeys("z", "rmag", "plate").containsEntry("z", -8.956e-6);
        assertThat((Double) c.carried(0).get("rmag")).isCloseTo(15.94699, within(1e-5));
        assertThat(c.carried(0).get("plate")).isEqualTo(3306L);
        assertThat(c.carried(1).get("plate")).isNull();
        assertThat(c.carried(2).get("rmag")).isNull();
        assertThat(c.report().rowsRead()).isEqualTo(3);
        assertThat(c.report().rowsSkipped()).isZero();
    }

    @Test
    void shouldJoinSeveralIdColumnsAndUseRowNumbersForIndex() {
        Path file = Tables.with(column("ra", Double.class, null), column("dec", Double.class, null),
                        column("plate", Short.class, null), column("mjd", Integer.class, null),
                        column("fiberid", Short.class, null))
                .row(10.0, 20.0, (short) 3306, 54922, (short) 491)
                .row(11.0, 21.0, (short) 323, 51615, (short) 541)
                .write(dir.resolve("ids.csv"), "csv");

        Catalogue joined = loader.load(CatalogueSpec.of("t", file).withIdColumns("plate", "mjd", "fiberid"));
        Catalogue rows = loader.load(CatalogueSpec.of("t", file));

        assertThat(joined.id(0)).isEqualTo("3306-54922-491");
        assertThat(joined.id(1)).isEqualTo("323-51615-541");
        assertThat(rows.id(0)).isEqualTo("1");
        assertThat(rows.id(1)).isEqualTo("2");
    }

    @Test
    void shouldReadSexagesimalColumnsAndMetadataUnits() throws IOException {
        Path csv = write("sexa.csv", """
                name,ra,dec,kind
                a,12:34:56.7,-00:30:00,STAR
                b,00h00m00s,+89d59m59.9s,galaxy
                c,23 59 59.99,-45 00 00,QSO
                """);
        Catalogue c = loader.load(CatalogueSpec.of("sexa", csv).withIdColumns("name").withTypeColumn("kind"));

        assertThat(c.size()).isEqualTo(3);
        assertThat(c.raDeg(0)).isCloseTo(15 * (12 + 34 / 60.0 + 56.7 / 3600), within(1e-9));
        assertThat(c.decDeg(0)).isCloseTo(-0.5, within(1e-12));
        assertThat(c.raDeg(1)).isZero();
        assertThat(c.decDeg(1)).isCloseTo(89 + 59 / 60.0 + 59.9 / 3600, within(1e-9));
        assertThat(c.kind(1)).isEqualTo(SourceKind.GALAXY);

        Path radians = Tables.with(column("ra", Double.class, "rad"), column("dec", Double.class, "rad"))
                .row(Math.PI, -Math.PI / 4).write(dir.resolve("rad.fits"), "fits");
        Catalogue r = loader.load(CatalogueSpec.of("rad", radians));
        assertThat(r.raDeg(0)).isCloseTo(180, within(1e-9));
        assertThat(r.decDeg(0)).isCloseTo(-45, within(1e-9));

        Path hours = Tables.with(column("ra", Double.class, "h"), column("dec", Double.class, "deg"))
                .row(12.5, 10.0).write(dir.resolve("hours.vot"), "votable");
        assertThat(loader.load(CatalogueSpec.of("h", hours)).raDeg(0)).isCloseTo(187.5, within(1e-9));
    }

    @Test
    void shouldSkipAndCountRowsWithMissingOrImpossibleCoordinatesNamingTheFirstRows() throws IOException {
        Path csv = write("bad.csv", """
                id,ra,dec
                1,10.0,20.0
                2,,20.0
                3,400.0,0.0
                4,10.0,-91.0
                5,11.0,21.0
                6,nan,1.0
                7,12.0,22.0
                ,13.0,23.0
                9,360.0,0.0
                """);
        Catalogue c = loader.load(CatalogueSpec.of("bad", csv).withIdColumns("id"));

        assertThat(c.size()).isEqualTo(4);
        assertThat(c.id(3)).isEqualTo("9");
        assertThat(c.raDeg(3)).isZero();
        LoadReport r = c.report();
        assertThat(r.rowsRead()).isEqualTo(9);
        assertThat(r.rowsSkipped()).isEqualTo(5);
        assertThat(r.skippedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of(
                LoadReport.BAD_POSITION, 4L, LoadReport.MISSING_ID, 1L));
        assertThat(r.firstSkipped()).hasSize(5);
        assertThat(r.firstSkipped().get(0)).startsWith("row 2:");
        assertThat(r.firstSkipped().get(1)).startsWith("row 3:").contains("ra=400.0");
        assertThat(r.firstSkipped().get(2)).startsWith("row 4:").contains("dec=-91.0");
        assertThat(r.firstSkipped().get(3)).startsWith("row 6:");
        assertThat(r.firstSkipped().get(4)).startsWith("row 8:").contains("empty id");
    }

    @Test
    void shouldStopWithTheExistingColumnsWhenAColumnIsMissing() {
        Path file = threeSources().write(dir.resolve("s.fits"), "fits");
        CatalogueSpec spec = CatalogueSpec.of("sdss", file).withIdColumns("objID_typo").withTypeColumn("klass")
                .withCarryColumns("z");

        assertThatThrownBy(() -> loader.load(spec))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("catalogue sdss")
                .hasMessageContaining("no columns objID_typo, klass")
                .hasMessageContaining("its columns are: objid, RA, DEC, class, z, rmag, plate");
    }

    @Test
    void shouldMatchColumnNamesCaseInsensitivelyWhenUnambiguous() {
        Path file = threeSources().write(dir.resolve("s.vot"), "votable");
        Catalogue c = loader.load(CatalogueSpec.of("s", file).withPositionColumns("Ra", "dEc").withIdColumns("OBJID"));
        assertThat(c.size()).isEqualTo(3);
    }

    @Test
    void shouldReportAMalformedFileClearly() throws IOException {
        Path fits = dir.resolve("broken.fits");
        Files.write(fits, "SIMPLE  =                    T / not really FITS at all".getBytes(StandardCharsets.US_ASCII));
        Path vot = write("broken.vot", "<VOTABLE><RESOURCE><TABLE><FIELD name='ra'/><DATA><TABLEDATA><TR><TD>1");

        assertThatThrownBy(() -> loader.load(CatalogueSpec.of("f", fits).withFormat("fits")))
                .isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("catalogue f: cannot read " + fits + " as a fits table");
        assertThatThrownBy(() -> loader.load(CatalogueSpec.of("v", vot)))
                .isInstanceOf(CatalogueException.class)
                .hasMessageStartingWith("catalogue v: cannot read " + vot);
        assertThatThrownBy(() -> loader.load(CatalogueSpec.of("m", dir.resolve("missing.csv"))))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("does not exist or cannot be read");
    }

    @Test
    void shouldRefuseAFileWithRowsButNoUsableOne() throws IOException {
        Path csv = write("allbad.csv", "ra,dec\n1000,5\n2000,6\n");
        assertThatThrownBy(() -> loader.load(CatalogueSpec.of("x", csv)))
                .isInstanceOf(CatalogueException.class)
                .hasMessageContaining("none of the 2 rows")
                .hasMessageContaining("row 1: ra=1000.0");
    }

    @Test
    void shouldMapTypeValuesAndFixKindsAsConfigured() throws IOException {
        Path csv = write("types.csv", "ra,dec,t\n1,1,s\n2,2,g\n3,3,Q\n4,4,\n5,5,weird\n");
        Catalogue c = loader.load(CatalogueSpec.of("t", csv).withTypeColumn("t")
                .withTypeMap(Map.of("S", SourceKind.STAR, "G", SourceKind.GALAXY, "Q", SourceKind.QSO)));
        assertThat(c.kind(0)).isEqualTo(SourceKind.STAR);
        assertThat(c.kind(1)).isEqualTo(SourceKind.GALAXY);
        assertThat(c.kind(2)).isEqualTo(SourceKind.QSO);
        assertThat(c.type(3)).isNull();
        assertThat(c.kind(3)).isEqualTo(SourceKind.OTHER);
        assertThat(c.kind(4)).isEqualTo(SourceKind.OTHER);

        Catalogue stars = loader.load(CatalogueSpec.of("stars", csv).withFixedKind(SourceKind.STAR));
        assertThat(stars.kind(4)).isEqualTo(SourceKind.STAR);
        assertThat(stars.type(4)).isNull();
    }

    @Test
    void shouldRefuseATypeColumnWithTooManyDistinctValues() throws IOException {
        StringBuilder sb = new StringBuilder("ra,dec,t\n");
        for (int i = 0; i < 300; i++) {
            sb.append(i % 360).append(",0,type").append(i).append('\n');
        }
        Path csv = write("many.csv", sb.toString());
        assertThatThrownBy(() -> loader.load(CatalogueSpec.of("m", csv).withTypeColumn("t")))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("more than 256 distinct values");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
