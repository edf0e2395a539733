package uk.ac.lsst.pipeline.filter.expression;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A filter expression that is refused at registration: a syntax error, an unknown field, a wrong type, a result that
 * is not a bool, or an expression that is empty or too long. The message lists every problem with its position
 * ({@link ExpressionProblem#display()}).
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<ExpressionProblem> problems;

    ExpressionException(List<ExpressionProblem> problems) {
        super(problems.stream().map(ExpressionProblem::display).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** At least one, in the order of their position. */
    public List<ExpressionProblem> problems() {
        return problems;
    }
}
