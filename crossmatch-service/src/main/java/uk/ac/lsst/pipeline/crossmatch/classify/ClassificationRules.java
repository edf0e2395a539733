package uk.ac.lsst.pipeline.crossmatch.classify;

import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.function.Function;

/**
 * Derives an alert's {@link ContextClass} from its catalogue matches. The matches are taken nearest first, and the
 * first one that a rule decides on gives the class:
 * <ol>
 * <li>a {@link SourceKind#STAR} within {@code vsMaxArcsec} gives {@link ContextClass#VS};</li>
 * <li>a {@link SourceKind#QSO} within {@code agnMaxArcsec} gives {@link ContextClass#AGN};</li>
 * <li>a {@link SourceKind#GALAXY} within {@code ntMaxArcsec} gives {@link ContextClass#NT};</li>
 * <li>a {@link SourceKind#GALAXY} farther away (but within its catalogue's match radius, or it would not be a
 * match) gives {@link ContextClass#SN}.</li>
 * </ol>
 * No match at all gives {@link ContextClass#ORPHAN}; matches none of which decides (stars or quasars beyond their
 * limits, {@link SourceKind#OTHER} sources) give {@link ContextClass#UNCLEAR}. Immutable and thread-safe.
 *
 * @param vsMaxArcsec  largest separation from a star for a variable star (default 1.5)
 * @param agnMaxArcsec largest separation from a quasar/AGN for AGN (default 1.5)
 * @param ntMaxArcsec  largest separation from a galaxy's centre for a nuclear transient (default 1.0)
 */
public record ClassificationRules(double vsMaxArcsec, double agnMaxArcsec, double ntMaxArcsec) {

    public static final ClassificationRules DEFAULTS = new ClassificationRules(1.5, 1.5, 1.0);

    public ClassificationRules {
        for (double d : new double[] {vsMaxArcsec, agnMaxArcsec, ntMaxArcsec}) {
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("classification radii must be finite and >= 0, got " + d);
            }
        }
    }

    /**
     * @param matches    sorted by separation, nearest first
     * @param kind       the kind of a match
     * @param separation the separation of a match in arcsec
     */
    public <M> ContextClass classify(List<M> matches, Function<M, SourceKind> kind,
                                     ToDoubleFunction<M> separation) {
        if (matches.isEmpty()) {
            return ContextClass.ORPHAN;
        }
        for (M m : matches) {
            ContextClass decided = decide(kind.apply(m), separation.applyAsDouble(m));
            if (decided != null) {
                return decided;
            }
        }
        return ContextClass.UNCLEAR;
    }

    /** The class one match at {@code separationArcsec} decides on, or null if it decides nothing. */
    public ContextClass decide(SourceKind kind, double separationArcsec) {
        return switch (kind) {
            case STAR -> separationArcsec <= vsMaxArcsec ? ContextClass.VS : null;
            case QSO -> separationArcsec <= agnMaxArcsec ? ContextClass.AGN : null;
            case GALAXY -> separationArcsec <= ntMaxArcsec ? ContextClass.NT : ContextClass.SN;
            case OTHER -> null;
        };
    }
}
