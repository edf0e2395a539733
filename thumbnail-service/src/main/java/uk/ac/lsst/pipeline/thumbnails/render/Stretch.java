package uk.ac.lsst.pipeline.thumbnails.render;

/**
 * How values between the limits map to grey levels, after {@code t = (v - vmin) / (vmax - vmin)} is clipped to
 * [0, 1]. As astropy's {@code LinearStretch} and {@code AsinhStretch(a=0.1)}.
 */
public enum Stretch {
    /** {@code y = t}. */
    LINEAR,
    /** {@code y = asinh(t / a) / asinh(1 / a)}, {@code a = 0.1}: faint structure brightened, bright cores kept. */
    ASINH;

    /** astropy's default {@code a} of {@code AsinhStretch}. */
    public static final double ASINH_A = 0.1;

    /** y for t in [0, 1]. */
    public double apply(double t) {
        return switch (this) {
            case LINEAR -> t;
            case ASINH -> asinh(t / ASINH_A) / asinh(1 / ASINH_A);
        };
    }

    /** The name used in settings and records: {@code linear} or {@code asinh}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double asinh(double x) {
        return Math.log(x + Math.sqrt(x * x + 1));
    }
}
