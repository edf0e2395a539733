package uk.ac.lsst.pipeline.crossmatch.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationRulesTest {
    private record M(SourceKind kind, double arcsec) {
    }

    private static ContextClass classify(ClassificationRules rules, M... matches) {
        return rules.classify(List.of(matches), M::kind, M::arcsec);
    }

    private static ContextClass classify(M... matches) {
        return classify(ClassificationRules.DEFAULTS, matches);
    }

    @Test
    void shouldApplyTheDocumentedDefaults() {
        assertThat(classify()).isEqualTo(ContextClass.ORPHAN);
        assertThat(classify(new M(SourceKind.STAR, 0.2))).isEqualTo(ContextClass.VS);
        assertThat(classify(new M(SourceKind.STAR, 1.5))).isEqualTo(ContextClass.VS);
        assertThat(classify(new M(SourceKind.STAR, 1.51))).isEqualTo(ContextClass.UNCLEAR);
        assertThat(classify(new M(SourceKind.QSO, 1.4))).isEqualTo(ContextClass.AGN);
        assertThat(classify(new M(SourceKind.QSO, 1.6))).isEqualTo(ContextClass.UNCLEAR);
        assertThat(classify(new M(SourceKind.GALAXY, 0.0))).isEqualTo(ContextClass.NT);
        assertThat(classify(new M(SourceKind.GALAXY, 1.0))).isEqualTo(ContextClass.NT);
        assertThat(classify(new M(SourceKind.GALAXY, 1.01))).isEqualTo(ContextClass.SN);
        assertThat(classify(new M(SourceKind.GALAXY, 9.0))).isEqualTo(ContextClass.SN);
        assertThat(classify(new M(SourceKind.OTHER, 0.1))).isEqualTo(ContextClass.UNCLEAR);
    }

    @Test
    void shouldLetTheNearestDecisiveMatchWin() {
        assertThat(classify(new M(SourceKind.GALAXY, 0.3), new M(SourceKind.STAR, 0.8))).isEqualTo(ContextClass.NT);
        assertThat(classify(new M(SourceKind.STAR, 0.3), new M(SourceKind.GALAXY, 0.8))).isEqualTo(ContextClass.VS);
        assertThat(classify(new M(SourceKind.OTHER, 0.1), new M(SourceKind.QSO, 0.5))).isEqualTo(ContextClass.AGN);
        assertThat(classify(new M(SourceKind.STAR, 1.8), new M(SourceKind.GALAXY, 2.5))).isEqualTo(ContextClass.SN);
    }

    @Test
    void shouldFollowConfiguredRadii() {
        ClassificationRules strict = new ClassificationRules(0.5, 0.3, 0.2);
        assertThat(classify(strict, new M(SourceKind.STAR, 0.6))).isEqualTo(ContextClass.UNCLEAR);
        assertThat(classify(strict, new M(SourceKind.QSO, 0.3))).isEqualTo(ContextClass.AGN);
        assertThat(classify(strict, new M(SourceKind.GALAXY, 0.25))).isEqualTo(ContextClass.SN);
        assertThatThrownBy(() -> new ClassificationRules(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMapSdssClassesAndSynonymsToKinds() {
        assertThat(SourceKind.defaultFor("STAR")).isEqualTo(SourceKind.STAR);
        assertThat(SourceKind.defaultFor("galaxy")).isEqualTo(SourceKind.GALAXY);
        assertThat(SourceKind.defaultFor(" QSO ")).isEqualTo(SourceKind.QSO);
        assertThat(SourceKind.defaultFor("AGN")).isEqualTo(SourceKind.QSO);
        assertThat(SourceKind.defaultFor("CV")).isEqualTo(SourceKind.OTHER);
        assertThat(SourceKind.defaultFor(null)).isEqualTo(SourceKind.OTHER);
        assertThat(SourceKind.parse("agn")).contains(SourceKind.QSO);
        assertThat(SourceKind.parse("planet")).isEmpty();
    }
}
