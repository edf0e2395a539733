package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses coordinates written as text, as catalogues and astronomers write them:
 * <ul>
 * <li>right ascension in hours, minutes, seconds: {@code 12:34:56.78}, {@code 12 34 56.78},
 * {@code 12h34m56.78s}, {@code 12h 34m 56.78s}, or hours and decimal minutes {@code 12:34.5};</li>
 * <li>declination in degrees, minutes, seconds: {@code +12:34:56.7}, {@code -00 30 00}, {@code -12d34m56.7s},
 * {@code -12°34'56.7"}; the sign applies to the whole angle (so {@code -00:30:00} is -0.5 degrees);</li>
 * <li>a plain decimal number ({@code 187.25}, {@code -0.5}) in either column is taken as degrees.</li>
 * </ul>
 * Minutes and seconds must be below 60, hours below 24 and declinations within [-90, 90].
 * Stateless and thread-safe.
 */
public final class Sexagesimal {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** sign, first field, unit letter, minutes, unit, optional seconds. */
    private static final Pattern SEXAGESIMAL = Pattern.compile(
            "([+-]?)\\s*(\\d{1,3})\\s*(?:[:hHdD°]\\s*|\\s+)(\\d{1,2}(?:\\.\\d*)?)\\s*(?:[:mM'′]\\s*|\\s+|$)"
                    + "(?:(\\d{1,2}(?:\\.\\d*)?)\\s*[sS\"″]?)?");

    private Sexagesimal() {
    }

    /**
     * Right ascension in degrees, [0, 360).
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static double raDeg(String text) {
        String s = text.trim();
        if (DECIMAL.matcher(s).matches()) {
            return checked(Double.parseDouble(s), 0, 360, false, text, "right ascension in degrees");
        }
        double[] f = fields(s, text);
        if (f[0] < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a right ascension: negative hours");
        }
        checked(f[1], 0, 24, false, text, "hours");
        return 15 * (f[1] + f[2] / 60 + f[3] / 3600);
    }

    /**
     * Declination in degrees, [-90, 90].
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static double decDeg(String text) {
        String s = text.trim();
        if (DECIMAL.matcher(s).matches()) {
            return checked(Double.parseDouble(s), -90, 90, true, text, "declination in degrees");
        }
        double[] f = fields(s, text);
        double deg = f[0] * (f[1] + f[2] / 60 + f[3] / 3600);
        return checked(deg, -90, 90, true, text, "declination");
    }

    /** {sign, first field, minutes, seconds}. */
    private static double[] fields(String s, String text) {
        Matcher m = SEXAGESIMAL.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is neither a decimal number of degrees nor"
                    + " sexagesimal (expected e.g. 12:34:56.7, 12 34 56.7, 12h34m56.7s or -12d34m56s)");
        }
        double first = Double.parseDouble(m.group(2));
        double minutes = Double.parseDouble(m.group(3));
        double seconds = m.group(4) == null ? 0 : Double.parseDouble(m.group(4));
        if (m.group(4) != null && minutes != Math.rint(minutes)) {
            throw new IllegalArgumentException("'" + text + "' has decimal minutes followed by seconds");
        }
        checked(minutes, 0, 60, false, text, "minutes");
        checked(seconds, 0, 60, false, text, "seconds");
        return new double[] {"-".equals(m.group(1)) ? -1 : 1, first, minutes, seconds};
    }

    private static double checked(double v, double min, double max, boolean maxIncluded, String text, String what) {
        if (!(v >= min) || (maxIncluded ? v > max : v >= max)) {
            throw new IllegalArgumentException("'" + text + "' is out of range for " + what + ": expected ["
                    + fmt(min) + ", " + fmt(max) + (maxIncluded ? "]" : ")"));
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
