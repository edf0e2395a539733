package uk.ac.lsst.pipeline.crossmatch.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.match.MatchOutcome;
import uk.ac.lsst.pipeline.crossmatch.match.SourceMatch;
import uk.ac.lsst.pipeline.crossmatch.testing.Samples;
import uk.ac.lsst.pipeline.alert.files.AlertFile;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.testing.SharedData;

/**
 * The real SDSS DR14 extract (10,000 spectroscopic objects). Its objid was mangled by a spreadsheet, so sources are
 * identified by plate-mjd-fiberid, as the settings {@code CATALOGUE_SDSS_ID_COLUMN=plate,mjd,fiberid} say.
 */
class SdssCatalogueTest {
    private static final Path SDSS = SharedData.file("catalogues/sdss-dr14/sdss_dr14_star_galaxy_qso_10k.csv");
    private static final double ARCSEC = 1 / 3600.0;

    private static List<String[]> rows;
    private static Catalogue catalogue;
    private static CrossMatcher matcher;

    @BeforeAll
    static void load() throws IOException {
        rows = Files.readAllLines(SDSS).stream().skip(1).map(l -> l.split(",")).toList();
        CatalogueSpec spec = CatalogueSpec.of("sdss", SDSS).withIdColumns("plate", "mjd", "fiberid")
                .withTypeColumn("class").withCarryColumns("redshift", "r").withRadiusArcsec(2.0);
        catalogue = new CatalogueLoader(Duration.ofSeconds(5)).load(spec);
        matcher = new CrossMatcher(new LiveCatalogues(List.of(IndexedCatalogue.of(catalogue))),
                ClassificationRules.DEFAULTS);
    }

    @Test
    void shouldLoadEveryRowWithUniqueIds() {
        assertThat(catalogue.size()).isEqualTo(10_000);
        assertThat(catalogue.report().rowsSkipped()).isZero();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < catalogue.size(); i++) {
            ids.add(catalogue.id(i));
        }
        assertThat(ids).hasSize(10_000);
    }

    /** Row numbers (1-based, header excluded) of a STAR, a GALAXY and a QSO, checked by hand in the CSV. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 16, 50, 200})
    void shouldFindAKnownObjectAtItsPositionAndOneArcsecondAway(int row) {
        String[] r = rows.get(row - 1);
        double ra = Double.parseDouble(r[1]);
        double dec = Double.parseDouble(r[2]);
        String id = r[15] + "-" + r[16] + "-" + r[17];
        String cls = r[13];

        SourceMatch exact = only(matcher.match(ra, dec));
        assertThat(exact.sourceId()).isEqualTo(id);
        assertThat(exact.separationArcsec()).isLessThan(1e-6);
        assertThat(exact.catalogue().catalogue().type(exact.index())).isEqualTo(cls);
        assertThat(exact.catalogue().catalogue().carried(exact.index()))
                .containsEntry("redshift", Double.parseDouble(r[14])).containsEntry("r", Double.parseDouble(r[5]));

        MatchOutcome north = matcher.match(ra, dec + ARCSEC);
        assertThat(only(north).sourceId()).isEqualTo(id);
        assertThat(only(north).separationArcsec()).isCloseTo(1.0, within(1e-6));
        MatchOutcome east = matcher.match(ra + ARCSEC / Math.cos(Math.toRadians(dec)), dec);
        assertThat(only(east).separationArcsec()).isCloseTo(1.0, within(1e-6));

        ContextClass onIt = switch (cls) {
            case "STAR" -> ContextClass.VS;
            case "QSO" -> ContextClass.AGN;
            default -> ContextClass.NT;
        };
        assertThat(matcher.match(ra, dec).classification()).isEqualTo(onIt);
        assertThat(matcher.match(ra, dec + 1.2 * ARCSEC).classification())
                .isEqualTo(cls.equals("GALAXY") ? ContextClass.SN : onIt);
        assertThat(matcher.match(ra, dec + 2.5 * ARCSEC).classification()).isEqualTo(ContextClass.ORPHAN);
    }

    @Test
    void shouldHaveAStarAGalaxyAndAQuasarAmongTheHandCheckedRows() {
        assertThat(List.of(rows.get(0)[13], rows.get(2)[13], rows.get(15)[13], rows.get(199)[13]))
                .contains("STAR", "GALAXY", "QSO");
    }

    @Test
    void shouldFindNothingInSdssAtTheSampleAlertsWhichLieElsewhereOnTheSky() throws Exception {
        AlertDecoder decoder = new AlertDecoder(SchemaSources.none(), false, 8 << 20);
        List<AlertFile> files = AlertFiles.discover(List.of(Samples.alerts()));
        assertThat(files).hasSizeGreaterThan(50);
        for (AlertFile f : files) {
            Alert alert = decoder.decode(f.read());
            MatchOutcome outcome = matcher.match(alert.raDeg(), alert.decDeg());
            assertThat(outcome.matches()).as(f.path().toString()).isEmpty();
            assertThat(outcome.classification()).isEqualTo(ContextClass.ORPHAN);
        }
    }

    @Test
    void shouldKeepTheCataloguesColumnsCompact() {
        Map<String, Object> carried = catalogue.carried(0);
        assertThat(carried).containsOnlyKeys("redshift", "r");
        assertThat(catalogue.heapBytes()).isLessThan(10_000L * 80);
    }

    private static SourceMatch only(MatchOutcome outcome) {
        assertThat(outcome.matches()).hasSize(1);
        return outcome.matches().get(0);
    }
}
