package uk.ac.lsst.pipeline.filter.expression;

/**
 * One reason a filter expression was refused, with its position.
 *
 * @param line       1-based line of the expression, or 0 when the problem concerns the whole expression
 * @param column     1-based column (in characters) within that line, or 0 with {@code line} 0
 * @param message    what was wrong, e.g. {@code undefined field 'q'}
 * @param sourceLine the text of that line of the expression (empty with {@code line} 0)
 */
public record ExpressionProblem(int line, int column, String message, String sourceLine) {

    /** A problem of the whole expression (its length, emptiness). */
    static ExpressionProblem whole(String message) {
        return new ExpressionProblem(0, 0, message, "");
    }

    /**
     * As a user reads it: the position and message, then the line of the expression with a caret under the column:
     * <pre>
     * line 1, column 10: undefined field 'q'
     *   features.q.nDetections &gt; 1
     *            ^
     * </pre>
     */
    public String display() {
        if (line <= 0) {
            return message;
        }
        StringBuilder out = new StringBuilder();
        out.append("line ").append(line).append(", column ").append(column).append(": ").append(message);
        out.append("\n  ").append(sourceLine).append("\n  ");
        int[] codePoints = sourceLine.codePoints().toArray();
        for (int i = 0; i < column - 1 && i < codePoints.length; i++) {
            out.append(codePoints[i] == '\t' ? '\t' : ' ');
        }
        out.append('^');
        return out.toString();
    }
}
