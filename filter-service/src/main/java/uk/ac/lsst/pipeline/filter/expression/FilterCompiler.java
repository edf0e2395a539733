package uk.ac.lsst.pipeline.filter.expression;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSource;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.List;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;
import uk.ac.lsst.pipeline.filter.schema.Field;

/**
 * Compiles filter expressions, written in CEL (the Common Expression Language), against the annotated record. The
 * top-level fields of {@link AnnotatedRecordSchema#RECORD} are the variables of an expression, typed as the schema
 * says; an expression must give a bool. Besides CEL's standard functions and macros ({@code exists}, {@code all},
 * {@code exists_one}, {@code map}, {@code filter}, {@code has}) the {@code math} extension is available
 * ({@code math.isNaN}, {@code math.abs}, {@code math.greatest}, ...).
 *
 * <p>Sandbox: CEL has no loops other than the bounded comprehensions over lists and maps, no I/O and no access to the
 * machine. On top of that an expression is at most {@value #MAX_EXPRESSION_LENGTH} characters, its parse tree at most
 * {@value #MAX_NESTING} levels deep, and one evaluation may take at most {@value #MAX_ITERATIONS} comprehension
 * iterations in all (beyond it the evaluation is a run-time error), so that no filter can hold up the stage.
 * Missing numbers: see {@link MissingNumbers}.
 *
 * <p>Building a compiler takes a while (do it once per process); compiling one expression takes well under a
 * millisecond once warm. Immutable, thread-safe.
 */
public final class FilterCompiler {
    /** Longest accepted expression, in characters (Unicode code points). */
    public static final int MAX_EXPRESSION_LENGTH = 4096;
    /** Deepest accepted parse tree (nested parentheses, calls, operators). */
    public static final int MAX_NESTING = 100;
    /** Most comprehension iterations ({@code exists}, {@code all}, ...) of one evaluation, nested ones included. */
    public static final int MAX_ITERATIONS = 1000;

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    private FilterCompiler(CelCompiler compiler, CelRuntime runtime) {
        this.compiler = compiler;
        this.runtime = runtime;
    }

    /** A compiler for {@link AnnotatedRecordSchema#RECORD}. */
    public static FilterCompiler create() {
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_EXPRESSION_LENGTH)
                .maxParseRecursionDepth(MAX_NESTING)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                .enableHeterogeneousNumericComparisons(true)
                .build();
        CelSchema schema = new CelSchema(AnnotatedRecordSchema.RECORD);
        var compilerBuilder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setTypeProvider(schema)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.math())
                .setResultType(SimpleType.BOOL);
        for (Field field : AnnotatedRecordSchema.RECORD.fields()) {
            compilerBuilder.addVar(field.name(), schema.celType(field.type()));
        }
        CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(MissingNumbers.otherStandardFunctions())
                .addFunctionBindings(MissingNumbers.comparisons(options))
                .addLibraries(CelExtensions.math())
                .build();
        return new FilterCompiler(compilerBuilder.build(), runtime);
    }

    /**
     * Parses and type-checks {@code expression} and prepares it for evaluation.
     *
     * @throws ExpressionException listing every problem with its line and column
     */
    public CompiledFilter compile(String expression) throws ExpressionException {
        if (expression == null || expression.isBlank()) {
            throw new ExpressionException(List.of(ExpressionProblem.whole("the expression is empty")));
        }
        int length = expression.codePointCount(0, expression.length());
        if (length > MAX_EXPRESSION_LENGTH) {
            throw new ExpressionException(List.of(ExpressionProblem.whole("the expression is " + length
                    + " characters long; at most " + MAX_EXPRESSION_LENGTH + " are accepted")));
        }
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            throw new ExpressionException(problems(result));
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CompiledFilter(expression, runtime.createProgram(ast), ast.getSource());
        } catch (CelValidationException | CelEvaluationException e) {
            throw new ExpressionException(List.of(ExpressionProblem.whole(e.getMessage())));
        }
    }

    private static List<ExpressionProblem> problems(CelValidationResult result) {
        CelSource source = result.getSource();
        List<ExpressionProblem> problems = new ArrayList<>();
        for (CelIssue issue : result.getErrors()) {
            int line = issue.getSourceLocation().getLine();
            int column = issue.getSourceLocation().getColumn();
            String message = readable(issue.getMessage());
            if (line <= 0) {
                problems.add(ExpressionProblem.whole(message));
            } else {
                problems.add(new ExpressionProblem(line, column + 1, message, source.getSnippet(line).orElse("")));
            }
        }
        return problems;
    }

    /** CEL's message without the list of candidate overloads, which names types a filter never meets. */
    private static String readable(String message) {
        int candidates = message.indexOf(" (candidates: ");
        return candidates < 0 ? message : message.substring(0, candidates);
    }
}
