package uk.ac.lsst.pipeline.filter.expression;

import dev.cel.common.CelSource;
import dev.cel.common.CelSourceLocation;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecord;
import uk.ac.lsst.pipeline.filter.record.FilterVariables;

/**
 * A type-checked filter expression, ready to evaluate on any number of alerts. Made by {@link FilterCompiler}.
 * Evaluation never throws: a run-time failure is a {@link Verdict} of outcome ERROR. Immutable, thread-safe.
 */
public final class CompiledFilter {
    private static final Pattern EVALUATION_ERROR = Pattern.compile("evaluation error at [^:]*:(-?\\d+): ?(.*)",
            Pattern.DOTALL);

    private final String expression;
    private final CelRuntime.Program program;
    private final CelSource source;

    CompiledFilter(String expression, CelRuntime.Program program, CelSource source) {
        this.expression = expression;
        this.program = program;
        this.source = source;
    }

    /** The expression as registered. */
    public String expression() {
        return expression;
    }

    /** This filter on one alert. */
    public Verdict evaluate(AnnotatedRecord record) {
        return evaluate(record.variables());
    }

    /** This filter on one alert's variables (built once per alert, shared by every filter). */
    public Verdict evaluate(FilterVariables variables) {
        Object result;
        try {
            result = program.eval(variables);
        } catch (CelEvaluationException e) {
            return Verdict.error(describe(e));
        } catch (RuntimeException e) {
            return Verdict.error("evaluation failed: " + e);
        }
        if (result instanceof Boolean passed) {
            return passed ? Verdict.PASS : Verdict.FAIL;
        }
        return Verdict.error("the expression gave " + result + ", not a bool");
    }

    /** "line L, column C: message" from CEL's "evaluation error at &lt;input&gt;:OFFSET: message". */
    private String describe(CelEvaluationException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = EVALUATION_ERROR.matcher(message);
        if (!m.matches()) {
            return message;
        }
        String detail = m.group(2).isBlank() && e.getCause() != null ? String.valueOf(e.getCause().getMessage())
                : m.group(2);
        Optional<CelSourceLocation> location = source.getOffsetLocation(Integer.parseInt(m.group(1)));
        return location.map(l -> "line " + l.getLine() + ", column " + (l.getColumn() + 1) + ": " + detail)
                .orElse(detail);
    }

    @Override
    public String toString() {
        return "CompiledFilter[" + expression + "]";
    }
}
