package uk.ac.lsst.pipeline.watchlist.list;

import java.util.regex.Pattern;

/** The limits a watch list must respect, with the messages that explain a violation. Stateless. */
public final class Limits {
    /** The largest radius of a source: one degree. */
    public static final double MAX_RADIUS_ARCSEC = 3600.0;
    /** Source names longer than this are rejected. */
    public static final int MAX_NAME_CHARS = 256;
    /** List ids: a letter or digit, then letters, digits, '.', '_' or '-'; at most 64 characters. */
    public static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Limits() {
    }

    static String raProblem(double raDeg) {
        if (!Double.isFinite(raDeg) || raDeg < 0 || raDeg >= 360) {
            return "RA " + raDeg + " is outside [0, 360) degrees";
        }
        return null;
    }

    static String decProblem(double decDeg) {
        if (!Double.isFinite(decDeg) || decDeg < -90 || decDeg > 90) {
            return "Dec " + decDeg + " is outside [-90, 90] degrees";
        }
        return null;
    }

    /** Null when the radius is usable: finite, positive and at most {@link #MAX_RADIUS_ARCSEC}. */
    public static String radiusProblem(double radiusArcsec) {
        if (!Double.isFinite(radiusArcsec) || radiusArcsec <= 0) {
            return "radius " + radiusArcsec + " arcsec is not positive";
        }
        if (radiusArcsec > MAX_RADIUS_ARCSEC) {
            return "radius " + radiusArcsec + " arcsec is larger than the limit of " + MAX_RADIUS_ARCSEC
                    + " arcsec (1 degree)";
        }
        return null;
    }

    /** Null when {@code id} is a valid list id. */
    public static String listIdProblem(String id) {
        if (id == null || !LIST_ID.matcher(id).matches()) {
            return "list id '" + id + "' is invalid: expected 1-64 characters of letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit";
        }
        return null;
    }
}
