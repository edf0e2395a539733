package uk.ac.lsst.pipeline.crossmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;
import uk.ac.lsst.pipeline.crossmatch.testing.Samples;

class CrossmatchSettingsTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", "ingest:9092");
        env.put("OUTPUT_BOOTSTRAP_SERVERS", "science:9092");
        env.put("CATALOGUES", "sdss");
        env.put("CATALOGUE_SDSS_FILE", Samples.sdssCatalogue().toString());
        return env;
    }

    @Test
    void shouldApplyDefaults() {
        CrossmatchSettings s = new CrossmatchStage().settings(minimal());

        assertThat(s.stage().applicationId()).isEqualTo("crossmatch-service");
        assertThat(s.reads()).containsExactly(new TopicUse("alerts", "alerts", 0));
        assertThat(s.writes()).containsExactly(new TopicUse("crossmatch", "crossmatch", 0),
                new TopicUse("dead-letters", "crossmatch-dead-letters", 0));
        assertThat(s.catalogues().rules()).isEqualTo(ClassificationRules.DEFAULTS);
        assertThat(s.catalogues().reloadInterval()).isEqualTo(Duration.ofSeconds(10));
        CatalogueSpec sdss = s.catalogues().catalogues().get(0);
        assertThat(sdss.name()).isEqualTo("sdss");
        assertThat(sdss.idColumns()).containsExactly(CatalogueSpec.ROW_INDEX);
        assertThat(sdss.raColumn()).isEqualTo("ra");
        assertThat(sdss.decColumn()).isEqualTo("dec");
        assertThat(sdss.typeColumn()).isEmpty();
        assertThat(sdss.radiusArcsec()).isEqualTo(2.0);
        assertThat(sdss.reload()).isTrue();
        assertThat(sdss.format()).isEqualTo("auto");
    }

    @Test
    void shouldReadSeveralCataloguesAndTheRules() {
        Map<String, String> env = minimal();
        env.put("CATALOGUES", "sdss, demo-ctx");
        env.put("CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
        env.put("CATALOGUE_SDSS_TYPE_COLUMN", "class");
        env.put("CATALOGUE_SDSS_CARRY_COLUMNS", "redshift, u,g,r,i,z");
        env.put("CATALOGUE_SDSS_RADIUS_ARCSEC", "1.5");
        env.put("CATALOGUE_SDSS_FORMAT", "csv");
        env.put("CATALOGUE_DEMO_CTX_FILE", Samples.demoCatalogue().toString());
        env.put("CATALOGUE_DEMO_CTX_TYPE_MAP", "s:STAR,g:galaxy,q:agn");
        env.put("CATALOGUE_DEMO_CTX_RELOAD", "false");
        env.put("CATALOGUE_DEMO_CTX_RA_COLUMN", "RAJ2000");
        env.put("CATALOGUE_RELOAD_INTERVAL", "PT2S");
        env.put("CLASSIFY_VS_MAX_ARCSEC", "1.0");
        env.put("CLASSIFY_NT_MAX_ARCSEC", "0.5");

        CrossmatchSettings s = new CrossmatchStage().settings(env);

        List<CatalogueSpec> cats = s.catalogues().catalogues();
        assertThat(cats).extracting(CatalogueSpec::name).containsExactly("sdss", "demo-ctx");
        assertThat(cats.get(0).idColumns()).containsExactly("plate", "mjd", "fiberid");
        assertThat(cats.get(0).typeColumn()).contains("class");
        assertThat(cats.get(0).carryColumns()).containsExactly("redshift", "u", "g", "r", "i", "z");
        assertThat(cats.get(0).radiusArcsec()).isEqualTo(1.5);
        assertThat(cats.get(1).typeMap()).containsEntry("S", SourceKind.STAR).containsEntry("G", SourceKind.GALAXY)
                .containsEntry("Q", SourceKind.QSO);
        assertThat(cats.get(1).reload()).isFalse();
        assertThat(cats.get(1).raColumn()).isEqualTo("RAJ2000");
        assertThat(s.catalogues().reloadInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.catalogues().rules()).isEqualTo(new ClassificationRules(1.0, 1.5, 0.5));
    }

    @Test
    void shouldListEveryMissingOrInvalidSettingAtOnce() {
        Map<String, String> env = new HashMap<>();
        env.put("STREAM_THREADS", "many");
        env.put("CATALOGUES", "sdss,gaia,bad name");
        env.put("CATALOGUE_SDSS_FILE", "/nowhere/sdss.csv");
        env.put("CATALOGUE_SDSS_RADIUS_ARCSEC", "-2");
        env.put("CATALOGUE_SDSS_FORMAT", "excel");
        env.put("CATALOGUE_SDSS_TYPE", "comet");
        env.put("CATALOGUE_SDSS_TYPE_MAP", "STAR:STAR,G=GALAXY");
        env.put("CATALOGUE_SDSS_ID_COLUMN", "$index,objid");
        env.put("CATALOGUE_GAIA_TYPE", "STAR");
        env.put("CATALOGUE_GAIA_TYPE_COLUMN", "class");
        env.put("CATALOGUE_2MASS_FILE", "/x.fits");
        env.put("CATALOGUE_SDSS_RADIUS", "2");
        env.put("CLASSIFY_VS_MAX_ARCSEC", "wide");
        env.put("CROSSMATCH_PARTITIONS", "-1");

        assertThatThrownBy(() -> new CrossmatchStage().settings(env))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("INPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("OUTPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("STREAM_THREADS='many' is invalid"))
                        .anyMatch(p -> p.startsWith("CROSSMATCH_PARTITIONS='-1' is invalid"))
                        .anyMatch(p -> p.startsWith("CATALOGUES: 'bad name' is not a valid catalogue name"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_FILE='/nowhere/sdss.csv' does not exist"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_RADIUS_ARCSEC='-2' is invalid"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_FORMAT='excel' is invalid"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_TYPE='comet' is invalid"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_TYPE_MAP: 'G=GALAXY' is invalid"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_ID_COLUMN='$index,objid' is invalid"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_GAIA_FILE is missing"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_GAIA_TYPE and CATALOGUE_GAIA_TYPE_COLUMN are both set"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_2MASS_FILE is set but belongs to no catalogue"))
                        .anyMatch(p -> p.startsWith("CATALOGUE_SDSS_RADIUS is not a catalogue setting"))
                        .anyMatch(p -> p.startsWith("CLASSIFY_VS_MAX_ARCSEC='wide' is invalid"))
                        .hasSize(16));
    }

    @Test
    void shouldRefuseACatalogueListedTwice() {
        Map<String, String> env = minimal();
        env.put("CATALOGUES", "sdss,sdss");
        assertThatThrownBy(() -> new CrossmatchStage().settings(env))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("CATALOGUES: 'sdss' is listed more than once"));
    }

    @Test
    void shouldRequireAtLeastOneCatalogue() {
        Map<String, String> env = minimal();
        env.remove("CATALOGUES");
        env.remove("CATALOGUE_SDSS_FILE");
        assertThatThrownBy(() -> new CrossmatchStage().settings(env))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("CATALOGUES is missing: expected comma-separated catalogue names, e.g. sdss,"
                                + " each described by CATALOGUE_<NAME>_FILE and friends"));
    }

    @Test
    void shouldTakeAFileVariantOfAnyCatalogueVariable() throws Exception {
        Path secret = java.nio.file.Files.createTempFile("path", ".txt");
        java.nio.file.Files.writeString(secret, Samples.sdssCatalogue().toString() + "\n");
        Map<String, String> env = minimal();
        env.remove("CATALOGUE_SDSS_FILE");
        env.put("CATALOGUE_SDSS_FILE_FILE", secret.toString());
        assertThat(new CrossmatchStage().settings(env).catalogues().catalogues().get(0).file())
                .isEqualTo(Samples.sdssCatalogue());
    }
}
