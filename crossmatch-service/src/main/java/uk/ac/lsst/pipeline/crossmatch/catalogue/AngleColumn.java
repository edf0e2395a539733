package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.util.Locale;
import java.util.Set;
import uk.ac.starlink.table.ColumnInfo;

/**
 * Turns the cells of a right ascension or declination column into degrees, following the column's metadata:
 * numbers in the unit it states (degrees when it states none; radians; hours for right ascension), text as
 * {@link Sexagesimal} or decimal degrees. Stateless after construction; thread-safe.
 */
final class AngleColumn {
    private static final Set<String> DEGREES = Set.of("", "deg", "degree", "degrees", "decimal degrees", "\"d\"");
    private static final Set<String> RADIANS = Set.of("rad", "radian", "radians");
    private static final Set<String> HOURS = Set.of("h", "hr", "hour", "hours", "hourangle", "\"h\"");

    private final boolean ra;
    private final boolean text;
    private final double toDegrees;

    private AngleColumn(boolean ra, boolean text, double toDegrees) {
        this.ra = ra;
        this.text = text;
        this.toDegrees = toDegrees;
    }

    /**
     * @param info the column's metadata
     * @param ra   true for right ascension, false for declination
     * @param warn told when the column's unit is not an angle unit known here (it is then taken as degrees)
     * @throws CatalogueException for a column of neither numbers nor text
     */
    static AngleColumn of(ColumnInfo info, boolean ra, String catalogue, java.util.function.Consumer<String> warn) {
        Class<?> type = info.getContentClass();
        if (type == String.class) {
            return new AngleColumn(ra, true, 1);
        }
        if (!Number.class.isAssignableFrom(type)) {
            throw new CatalogueException("catalogue " + catalogue + ": column " + info.getName() + " holds "
                    + type.getSimpleName() + " values: expected numbers (degrees) or sexagesimal text");
        }
        String unit = info.getUnitString() == null ? "" : info.getUnitString().trim().toLowerCase(Locale.ROOT);
        if (DEGREES.contains(unit)) {
            return new AngleColumn(ra, false, 1);
        }
        if (RADIANS.contains(unit)) {
            return new AngleColumn(ra, false, Math.toDegrees(1));
        }
        if (ra && HOURS.contains(unit)) {
            return new AngleColumn(ra, false, 15);
        }
        warn.accept("catalogue " + catalogue + ": column " + info.getName() + " has unit '" + info.getUnitString()
                + "', which is not an angle unit known here (deg, rad" + (ra ? ", h" : "") + "): taken as degrees");
        return new AngleColumn(ra, false, 1);
    }

    /**
     * The angle in degrees; NaN for an empty cell.
     *
     * @throws IllegalArgumentException for text that is not an angle
     */
    double degrees(Object cell) {
        if (cell == null) {
            return Double.NaN;
        }
        if (text) {
            String s = cell.toString();
            if (s.isBlank()) {
                return Double.NaN;
            }
            return ra ? Sexagesimal.raDeg(s) : Sexagesimal.decDeg(s);
        }
        return ((Number) cell).doubleValue() * toDegrees;
    }
}
