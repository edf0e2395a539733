package uk.ac.lsst.pipeline.features.state;

import java.util.Comparator;
import java.util.Objects;

/**
 * A g and an r detection close enough in time to give a colour {@code g - r}. Immutable.
 *
 * @param g a positive g detection with a magnitude
 * @param r a positive r detection with a magnitude
 */
public record ColourPair(Detection g, Detection r) {
    /**
     * Which of two pairs to keep: the later one (by the later of its two times), then the closer one, then the one
     * with the later g, then the later r. A total order on distinct pairs, so the pair kept does not depend on the
     * order detections arrive in.
     */
    public static final Comparator<ColourPair> PREFERENCE = Comparator.comparingDouble(ColourPair::mjd)
            .thenComparing(Comparator.comparingDouble(ColourPair::separationDays).reversed())
            .thenComparingDouble(p -> p.g().mjd())
            .thenComparingDouble(p -> p.r().mjd());

    public ColourPair {
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(r, "r");
    }

    /** The later of the two times, MJD. */
    public double mjd() {
        return Math.max(g.mjd(), r.mjd());
    }

    /** How far apart the two are, days. */
    public double separationDays() {
        return Math.abs(g.mjd() - r.mjd());
    }

    /** {@code m_g - m_r}, magnitudes. */
    public double colour() {
        return g.magnitude() - r.magnitude();
    }

    /** The preferred of two pairs, either of which may be null. */
    public static ColourPair preferred(ColourPair a, ColourPair b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return PREFERENCE.compare(a, b) >= 0 ? a : b;
    }
}
