package uk.ac.lsst.pipeline.filter.expression;

import dev.cel.common.CelOptions;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import java.util.List;

/**
 * How filters treat missing numbers. A double that is missing in the annotated record (JSON {@code null}, which is how
 * NaN travels) is NaN in CEL, and <b>a comparison with a missing number is never true</b>: {@code <}, {@code <=},
 * {@code >}, {@code >=}, {@code ==}, {@code !=} and {@code in} all give {@code false}, against a double or an int
 * alike. So {@code magnitude < 19.5}, {@code magnitude > 19}, {@code magnitude != 20.0} and
 * {@code magnitude == features.peakMagnitude} are all false for an alert without a magnitude, and a filter never fails
 * (run-time error) merely because a feature is undefined, e.g. for the first detection of an object.
 *
 * <p>{@code !=} departs from IEEE 754 (where NaN != x is true): a user who writes {@code features.colourGR != 0.0}
 * means "has a colour, and it is not zero", as SQL's {@code colour <> 0} does for a NULL colour. The price is that
 * {@code !(a == b)} and {@code a != b} differ when a number is missing, as do {@code !(x < 1.0)} and
 * {@code x >= 1.0}: the negation {@code !} of a comparison with a missing number is true. To test for a missing
 * number explicitly, use {@code math.isNaN(x)} or {@code math.isFinite(x)}. Arithmetic propagates NaN
 * ({@code magnitude - 1.0} is missing too).
 *
 * <p>Implementation: CEL's standard comparison and equality functions, each wrapped so that it answers false when an
 * argument is NaN (the standard ones would find NaN equal to NaN, and NaN greater than any int). Stateless,
 * thread-safe.
 */
final class MissingNumbers {
    private static final StandardFunction[] COMPARISONS = {
            StandardFunction.EQUALS, StandardFunction.NOT_EQUALS, StandardFunction.IN,
            StandardFunction.LESS, StandardFunction.LESS_EQUALS, StandardFunction.GREATER,
            StandardFunction.GREATER_EQUALS};

    private MissingNumbers() {
    }

    /** CEL's standard functions less the comparisons that {@link #comparisons(CelOptions)} replaces. */
    static CelStandardFunctions otherStandardFunctions() {
        return CelStandardFunctions.newBuilder().excludeFunctions(COMPARISONS).build();
    }

    /** Every overload of the standard comparisons, false when an argument is a missing number. */
    static List<CelFunctionBinding> comparisons(CelOptions options) {
        RuntimeEquality equality = RuntimeEquality.create(RuntimeHelpers.create(), options);
        return CelStandardFunctions.newBuilder().includeFunctions(COMPARISONS).build()
                .newFunctionBindings(equality, options).stream()
                .map(MissingNumbers::falseWhenMissing)
                .toList();
    }

    private static CelFunctionBinding falseWhenMissing(CelFunctionBinding standard) {
        CelFunctionOverload definition = standard.getDefinition();
        return CelFunctionBinding.from(standard.getOverloadId(), standard.getArgTypes(),
                args -> hasMissing(args) ? Boolean.FALSE : definition.apply(args));
    }

    private static boolean hasMissing(Object[] args) {
        for (Object arg : args) {
            if (arg instanceof Double d && d.isNaN()) {
                return true;
            }
        }
        return false;
    }
}
