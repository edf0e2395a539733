package uk.ac.lsst.pipeline.filter.expression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.ac.lsst.pipeline.filter.TestRecords;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;

class EvaluationTest {
    private static final FilterCompiler COMPILER = FilterCompiler.create();

    private static Verdict evaluate(String expression, ObjectNode json) {
        try {
            return COMPILER.compile(expression).evaluate(TestRecords.read(json));
        } catch (ExpressionException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Verdict evaluate(String expression) {
        return evaluate(expression, TestRecords.supernovaCandidate());
    }

    @Test
    void brightSupernovaCandidatesShouldPassOnlyWhenEveryConditionHolds() {
        String brightSn = "classification == \"SN\" && magnitude < 19.5 && features.nDetections >= 2";
        ObjectNode faint = TestRecords.supernovaCandidate().put("magnitude", 20.1);
        ObjectNode variable = TestRecords.supernovaCandidate().put("classification", "VS");
        ObjectNode first = TestRecords.supernovaCandidate();
        ((ObjectNode) first.get("features")).put("nDetections", 1);

        assertThat(evaluate(brightSn)).isEqualTo(Verdict.PASS);
        assertThat(evaluate(brightSn, faint)).isEqualTo(Verdict.FAIL);
        assertThat(evaluate(brightSn, variable)).isEqualTo(Verdict.FAIL);
        assertThat(evaluate(brightSn, first)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void fastRisersShouldPassWhenBrighteningFasterThanTheThreshold() {
        ObjectNode slow = TestRecords.supernovaCandidate();
        ((ObjectNode) slow.get("features")).put("rateSincePrevious", -0.2);

        assertThat(evaluate("features.rateSincePrevious < -0.5")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("features.rateSincePrevious < -0.5", slow)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void shouldSeeNestedBandsListsAndWatchlists() {
        assertThat(evaluate("features.r.nDetections == 2 && features.g.latestMagnitude < 19.0")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("matches.exists(m, m.type == 'galaxy' && m.separationArcsec < 1.0)")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("matches.exists(m, m.columns.photoZ < 0.1 && m.columns.morphology == 'SER')"))
                .isEqualTo(Verdict.PASS);
        assertThat(evaluate("watchlists.exists(w, w.listId == 'tde-hosts')")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("watchlists.exists(w, w.listId == 'other')")).isEqualTo(Verdict.FAIL);
        assertThat(evaluate("alertId == 2650123456789015001 && objectId.startsWith('ZTF')")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("positive && reliability > 0.9 && appendedAtMs < producedAtMs")).isEqualTo(Verdict.PASS);
    }

    @Test
    void aBandWithoutDetectionsShouldHaveZeroCountsAndMissingNumbersWhetherAbsentOrNull() {
        ObjectNode nullBand = TestRecords.supernovaCandidate();
        ((ObjectNode) nullBand.get("features")).putNull("i");
        String expression = "features.i.nDetections == 0 && !(features.i.peakMagnitude < 99.0)"
                + " && math.isNaN(features.i.peakMagnitude)";

        assertThat(evaluate(expression)).isEqualTo(Verdict.PASS);
        assertThat(evaluate(expression, nullBand)).isEqualTo(Verdict.PASS);
    }

    @ParameterizedTest(name = "{0} is {1} for a missing magnitude")
    @CsvSource(delimiter = '|', value = {
            "magnitude < 19.5 | false",
            "magnitude <= 19.5 | false",
            "magnitude > 19.5 | false",
            "magnitude >= 19.5 | false",
            "magnitude == 19.5 | false",
            "magnitude != 19.5 | false",
            "magnitude == features.colourGR | false",
            "magnitude != features.colourGR | false",
            "magnitude == magnitude | false",
            "magnitude in [19.5, 20.0] | false",
            "magnitude - 1.0 < 30.0 | false",
            "magnitude < 19 | false",
            "magnitude > 19 | false",
            "19 < magnitude | false",
            "19 > magnitude | false",
            "magnitude >= 19 | false",
            "!(magnitude < 19.5) | true",
            "math.isNaN(magnitude) | true",
            "!math.isFinite(magnitude) | true"})
    void aComparisonWithAMissingNumberShouldNeverBeTrue(String expression, boolean expected) {
        ObjectNode json = TestRecords.supernovaCandidate();
        json.putNull("magnitude");
        ((ObjectNode) json.get("features")).putNull("colourGR");

        assertThat(evaluate(expression, json)).isEqualTo(expected ? Verdict.PASS : Verdict.FAIL);
    }

    @Test
    void anAbsentNumberShouldBehaveAsANullOne() {
        ObjectNode json = TestRecords.supernovaCandidate();
        json.remove("magnitude");

        assertThat(evaluate("magnitude < 19.5 || magnitude >= 19.5", json)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void equalityOfPresentNumbersShouldStillWork() {
        assertThat(evaluate("magnitude == 18.7 && magnitude != 18.8 && features.nDetections != 2")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("magnitude in [18.7] && 'r' in ['g', 'r'] && features.nDetections == 3")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("matches[0].columns.photoZ == 0.05 && 'photoZ' in matches[0].columns")).isEqualTo(Verdict.PASS);
    }

    @Test
    void aNullCatalogueColumnShouldBeAMissingNumber() {
        assertThat(evaluate("matches[0].columns.specZ < 1.0 || matches[0].columns.specZ >= 1.0")).isEqualTo(Verdict.FAIL);
        assertThat(evaluate("math.isNaN(matches[0].columns.specZ)")).isEqualTo(Verdict.PASS);
    }

    @Test
    void nullableFieldsShouldBeNullWhenAbsent() {
        ObjectNode rubin = TestRecords.supernovaCandidate().put("survey", "RUBIN").put("objectIdNumber", 1234567L);
        ((ObjectNode) rubin.get("matches").get(0)).putNull("type");

        assertThat(evaluate("objectIdNumber == null")).isEqualTo(Verdict.PASS);
        assertThat(evaluate("objectIdNumber == 1234567", rubin)).isEqualTo(Verdict.PASS);
        assertThat(evaluate("objectIdNumber != null && objectIdNumber > 1000")).isEqualTo(Verdict.FAIL);
        assertThat(evaluate("matches.exists(m, m.type == null)", rubin)).isEqualTo(Verdict.PASS);
        assertThat(evaluate("matches.exists(m, m.type == 'galaxy')", rubin)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void anIndexOutOfRangeShouldBeARunTimeErrorWithItsPosition() {
        Verdict v = evaluate("matches[3].catalogue == 'gaia'");

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.error()).isEqualTo("line 1, column 8: Index out of bounds: 3");
    }

    @Test
    void aMissingMapKeyShouldBeARunTimeError() {
        Verdict v = evaluate("matches[0].columns.redshift < 0.1");

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.error()).contains("key 'redshift' is not present in map");
    }

    @Test
    void aMissingMapKeyGuardedByHasShouldNotBeAnError() {
        assertThat(evaluate("matches.exists(m, has(m.columns.redshift) && m.columns.redshift < 0.1)"))
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void anIntegerDivisionByZeroShouldBeARunTimeError() {
        Verdict v = evaluate("features.nPositive / (features.nDetections - 3) > 1");

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.error()).contains("by zero");
    }

    @Test
    void anOrderingOfANullIntShouldBeARunTimeError() {
        Verdict v = evaluate("objectIdNumber > 5");

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.error()).contains("No matching overload");
    }

    @Test
    void aComprehensionBeyondTheIterationBudgetShouldBeARunTimeError() {
        String range = "[" + "0,".repeat(99) + "0]";
        String cubic = range + ".all(x, " + range + ".all(y, x + y >= 0))";

        Verdict v = evaluate(cubic);

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.error()).contains("Iteration budget exceeded: 1000");
    }

    @Test
    void aComprehensionWithinTheBudgetShouldRun() {
        String range = "[" + "0,".repeat(29) + "0]";

        assertThat(evaluate(range + ".all(x, " + range + ".all(y, x + y >= 0))")).isEqualTo(Verdict.PASS);
    }

    @Test
    void aDynamicResultThatIsNotABoolShouldBeARunTimeError() {
        Verdict v = evaluate("matches[0].columns.morphology");

        assertThat(v.outcome()).isEqualTo(Verdict.Outcome.ERROR);
        assertThat(v.error()).contains("not a bool");
    }

    @Test
    void oneCompiledFilterShouldServeManyAlerts() throws ExpressionException {
        CompiledFilter bright = COMPILER.compile("magnitude < 19.0");
        AnnotatedRecord yes = TestRecords.read(TestRecords.supernovaCandidate());
        AnnotatedRecord no = TestRecords.read(TestRecords.supernovaCandidate().put("magnitude", 19.5));

        assertThat(bright.evaluate(yes)).isEqualTo(Verdict.PASS);
        assertThat(bright.evaluate(no)).isEqualTo(Verdict.FAIL);
        assertThat(bright.evaluate(yes)).isEqualTo(Verdict.PASS);
    }
}
