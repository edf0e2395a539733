package uk.ac.lsst.pipeline.filter.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class FilterCompilerTest {
    private static final FilterCompiler COMPILER = FilterCompiler.create();

    private static ExpressionException refused(String expression) {
        ExpressionException e = catchThrowableOfType(ExpressionException.class, () -> COMPILER.compile(expression));
        assertThat(e).as("refused: %s", expression).isNotNull();
        return e;
    }

    @Test
    void shouldCompileTheExamplesOfTheUserGuide() throws ExpressionException {
        assertThat(COMPILER.compile("classification == \"SN\" && magnitude < 19.5 && features.nDetections >= 2")
                .expression()).startsWith("classification");
        COMPILER.compile("features.rateSincePrevious < -0.5");
        COMPILER.compile("matches.exists(m, m.type == \"galaxy\" && m.separationArcsec < 2.0)");
        COMPILER.compile("watchlists.exists(w, w.listId == \"tde-hosts\")");
        COMPILER.compile("features.g.nDetections > 0 && features.r.peakMagnitude < 19.0");
        COMPILER.compile("matches.exists(m, has(m.columns.photoZ) && m.columns.photoZ < 0.1)");
        COMPILER.compile("objectIdNumber != null && objectIdNumber > 100");
        COMPILER.compile("math.isNaN(features.colourGR) || features.colourGR < 0.5");
        COMPILER.compile("survey == 'RUBIN' && band in ['u', 'g'] && magnitude < 20");
    }

    @Test
    void shouldRefuseASyntaxErrorWithItsPosition() {
        ExpressionException e = refused("magnitude < ");

        ExpressionProblem p = e.problems().get(0);
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(13);
        assertThat(p.message()).contains("mismatched input '<EOF>'");
        assertThat(e.getMessage()).startsWith("line 1, column 13: mismatched input");
    }

    @Test
    void shouldRefuseAnUnknownFieldWithACaretUnderIt() {
        ExpressionException e = refused("features.q.nDetections > 1");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("undefined field 'q'");
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.column()).isEqualTo(9);
        });
        assertThat(e.getMessage()).isEqualTo("""
                line 1, column 9: undefined field 'q'
                  features.q.nDetections > 1
                          ^""");
    }

    @Test
    void shouldRefuseAnUnknownVariable() {
        ExpressionException e = refused("mag < 19.5");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("undeclared reference to 'mag'");
            assertThat(p.column()).isEqualTo(1);
        });
    }

    @Test
    void shouldRefuseAnUnknownFieldOfAListElement() {
        ExpressionException e = refused("matches.exists(m, m.redshift < 0.1)");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("undefined field 'redshift'");
            assertThat(p.column()).isEqualTo(20);
        });
    }

    @Test
    void shouldRefuseAComparisonOfANumberWithAString() {
        ExpressionException e = refused("magnitude < \"a\"");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("found no matching overload for '_<_' applied to '(double, string)'");
            assertThat(p.column()).isEqualTo(11);
        });
    }

    @Test
    void shouldRefuseAnExpressionThatIsNotABool() {
        ExpressionException e = refused("magnitude + 1.0");

        assertThat(e.problems().get(0).message()).contains("expected type 'bool' but found 'double'");
    }

    @Test
    void shouldPointAtTheRightLineOfAMultiLineExpression() {
        ExpressionException e = refused("classification == 'SN'\n  && features.nDetection >= 2");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(14);
            assertThat(p.sourceLine()).isEqualTo("  && features.nDetection >= 2");
            assertThat(p.display()).endsWith("\n    && features.nDetection >= 2\n               ^");
        });
    }

    @Test
    void shouldListEveryProblem() {
        ExpressionException e = refused("foo > 1 && bar < 2");

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(1).column()).isEqualTo(12);
    }

    @Test
    void shouldRefuseAnEmptyExpression() {
        assertThat(refused("  ").getMessage()).isEqualTo("the expression is empty");
        assertThat(refused(null).getMessage()).isEqualTo("the expression is empty");
    }

    @Test
    void shouldRefuseAnExpressionLongerThanTheLimit() {
        String longExpression = "magnitude < 19.5" + " ".repeat(FilterCompiler.MAX_EXPRESSION_LENGTH);

        assertThat(refused(longExpression).getMessage())
                .isEqualTo("the expression is 4112 characters long; at most 4096 are accepted");
    }

    @Test
    void shouldRefuseAnExpressionNestedTooDeeply() {
        String deep = "(".repeat(200) + "true" + ")".repeat(200);

        assertThat(refused(deep).getMessage()).containsIgnoringCase("recursion");
    }

    @Test
    void shouldRefuseTheHistoryWhichFiltersCannotSee() {
        assertThat(refused("size(history) > 2").getMessage()).contains("undeclared reference to 'history'");
    }

    @Test
    void displayShouldKeepTabsSoTheCaretLinesUp() {
        ExpressionProblem p = new ExpressionProblem(1, 3, "oops", "\tx y");

        assertThat(p.display()).isEqualTo("line 1, column 3: oops\n  \tx y\n  \t ^");
    }

    @Test
    void shouldRefuseALongExpressionBeforeParsingIt() {
        String sum = "features.nDetections" + " + 1".repeat(1100) + " > 0";

        assertThatThrownBy(() -> COMPILER.compile(sum)).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("at most 4096");
    }
}
