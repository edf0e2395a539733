package uk.ac.lsst.pipeline.watchlist.list;

/**
 * One position of a watch list: "tell me when anything happens within {@code radiusArcsec} of here".
 *
 * @param name         unique within its list (a catalogue designation such as "Markarian 421")
 * @param raDeg        right ascension, ICRS degrees, [0, 360)
 * @param decDeg       declination, ICRS degrees, [-90, 90]
 * @param radiusArcsec match radius in arcseconds, (0, 3600]
 */
public record WatchlistSource(String name, double raDeg, double decDeg, double radiusArcsec) {

    /** What is wrong with this source, or null when it is valid. */
    public String problem() {
        if (name == null || name.isBlank()) {
            return "name is empty";
        }
        if (name.length() > Limits.MAX_NAME_CHARS) {
            return "name is longer than " + Limits.MAX_NAME_CHARS + " characters";
        }
        String ra = Limits.raProblem(raDeg);
        if (ra != null) {
            return ra;
        }
        String dec = Limits.decProblem(decDeg);
        return dec != null ? dec : Limits.radiusProblem(radiusArcsec);
    }
}
