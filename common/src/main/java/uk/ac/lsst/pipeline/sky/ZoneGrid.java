package uk.ac.lsst.pipeline.sky;

/**
 * A partition of the sphere into cells: declination zones of equal height, each cut into equal right-ascension
 * cells. Cells are numbered zone by zone (from the south pole), in increasing RA within a zone, so the cells of an
 * RA interval inside one zone are consecutive numbers and a cone search reads a few contiguous runs.
 *
 * <p>A zone is cut into {@code max(1, floor(360 cos(farDec) / h))} cells, where {@code farDec} is the zone's edge
 * farthest from the equator, so that every cell is at least one zone height {@code h} wide (in true angle) all over
 * the zone; the two polar zones are one cell each.
 *
 * <p>Cell and zone numbers are monotone, non-decreasing functions of RA and Dec (floating-point multiplication by a
 * positive constant and truncation are monotone), which is what makes {@link #forEachCellRun} exact-conservative:
 * a position with RA and Dec inside the intervals it is given lies in a cell it visits, whatever the rounding.
 *
 * <p>Immutable and thread-safe.
 */
final class ZoneGrid {

    /**
     * Padding, in degrees, added to a radius before it selects cells, which covers the floating-point error of
     * {@link Sphere#separationDeg} (about 1e-14 degree) and of the bounds computed here with a wide margin
     * (1e-9 degree = 3.6 micro-arcsec). It only widens the set of candidates, never the result.
     */
    static final double PAD_DEG = 1e-9;

    /** Smallest zone height, in degrees: keeps the number of cells below about 2^25. */
    static final double MIN_ZONE_HEIGHT_DEG = 0.04;

    /** Full-sky area in square degrees. */
    static final double SKY_AREA_SQ_DEG = 129600.0 / Math.PI;

    private final double zoneHeightDeg;
    private final double zonesPerDeg;
    private final int zoneCount;
    /** First cell number of each zone, plus the total number of cells at the end. */
    private final int[] firstCell;
    /** Number of RA cells of each zone divided by 360 (cells per degree of RA). */
    private final double[] cellsPerRaDeg;

    /**
     * @param zoneHeightDeg zone height in degrees, in [{@link #MIN_ZONE_HEIGHT_DEG}, 180]
     */
    ZoneGrid(double zoneHeightDeg) {
        if (!(zoneHeightDeg >= MIN_ZONE_HEIGHT_DEG && zoneHeightDeg <= 180)) {
            throw new IllegalArgumentException("zone height " + zoneHeightDeg + " degree is outside ["
                    + MIN_ZONE_HEIGHT_DEG + ", 180]");
        }
        this.zoneHeightDeg = zoneHeightDeg;
        this.zonesPerDeg = 1.0 / zoneHeightDeg;
        this.zoneCount = Math.max(1, (int) Math.ceil(180.0 * zonesPerDeg - 1e-9));
        this.firstCell = new int[zoneCount + 1];
        this.cellsPerRaDeg = new double[zoneCount];
        for (int z = 0; z < zoneCount; z++) {
            double low = -90 + z * zoneHeightDeg;
            double high = Math.min(90, low + zoneHeightDeg);
            double farDec = Math.max(Math.abs(low), Math.abs(high));
            int cells = (int) Math.max(1, Math.floor(360 * Math.cos(Math.toRadians(farDec)) * zonesPerDeg));
            cellsPerRaDeg[z] = cells / 360.0;
            firstCell[z + 1] = firstCell[z] + cells;
        }
    }

    /**
     * The zone height, in degrees, for about {@code entriesPerCell} entries per cell when {@code entries} entries are
     * spread evenly over the sky, at least {@code minHeightDeg}, clamped to [{@link #MIN_ZONE_HEIGHT_DEG}, 180].
     */
    static double heightFor(long entries, double entriesPerCell, double minHeightDeg) {
        double h = Math.sqrt(SKY_AREA_SQ_DEG * entriesPerCell / Math.max(1, entries));
        return Math.min(180, Math.max(MIN_ZONE_HEIGHT_DEG, Math.max(h, minHeightDeg)));
    }

    /** Heap held by the grid's arrays, in bytes. */
    long memoryBytes() {
        return Positions.arrayBytes(firstCell.length, 4) + Positions.arrayBytes(cellsPerRaDeg.length, 8);
    }

    double zoneHeightDeg() {
        return zoneHeightDeg;
    }

    int zoneCount() {
        return zoneCount;
    }

    int cellCount() {
        return firstCell[zoneCount];
    }

    int firstCell(int zone) {
        return firstCell[zone];
    }

    int cellsInZone(int zone) {
        return firstCell[zone + 1] - firstCell[zone];
    }

    /** The zone of a declination in [-90, 90] degrees. */
    int zone(double decDeg) {
        return Math.min((int) ((decDeg + 90) * zonesPerDeg), zoneCount - 1);
    }

    /** The cell of a position, RA in [0, 360) and Dec in [-90, 90] degrees. */
    int cell(double raDeg, double decDeg) {
        int zone = zone(decDeg);
        return firstCell[zone] + raCell(zone, raDeg);
    }

    /** The RA cell, counted from 0 inside the zone, of an RA in [0, 360] degrees. */
    int raCell(int zone, double raDeg) {
        return Math.min((int) (raDeg * cellsPerRaDeg[zone]), cellsInZone(zone) - 1);
    }

    /**
     * An upper bound on half the RA extent, in degrees of RA, of the disc of radius {@code radiusDeg} centred at
     * declination {@code decDeg}, padded by {@link #PAD_DEG}. The exact half extent is {@code asin(sin r / cos dec)};
     * while {@code x = r / cos dec} (radians, at least {@code sin r / cos dec}) is at most 1/2 this returns
     * {@code x * pi/3}, which bounds {@code asin(x)} from above there (asin is convex: below its chord from 0 to 1/2)
     * and costs no asin. Returns positive infinity when the disc reaches a pole or comes close enough that asin is
     * ill-conditioned (all RAs are then candidates).
     *
     * @param radiusDeg an already padded radius (see {@link #PAD_DEG})
     */
    static double raHalfWidthDeg(double decDeg, double radiusDeg) {
        if (Math.abs(decDeg) + radiusDeg >= 90) {
            return Double.POSITIVE_INFINITY;
        }
        double cosDec = Math.cos(Math.toRadians(decDeg));
        double linear = Math.toRadians(radiusDeg) / cosDec;
        if (linear <= 0.5) {
            // pi/3 = 1.0471975..., rounded up so that a few ulps of rounding stay on the safe side
            return Math.toDegrees(linear * 1.0472) + PAD_DEG;
        }
        double sine = Math.sin(Math.toRadians(radiusDeg)) / cosDec;
        if (sine >= 1 - 1e-6) {
            // asin's slope is unbounded at 1: past this point its rounding error could exceed the padding
            return Double.POSITIVE_INFINITY;
        }
        return Math.toDegrees(Math.asin(sine)) + PAD_DEG;
    }

    /**
     * The RA cells, counted from 0 inside the zone, that hold RAs within {@code halfWidthDeg} of {@code raDeg}
     * (circularly), packed as {@code first << 32 | last}. {@code first > last} means the run wraps through RA 0:
     * cells {@code first} to the zone's last, then 0 to {@code last}; otherwise cells {@code first} to {@code last}.
     *
     * @param raDeg        centre RA in [0, 360) degrees
     * @param halfWidthDeg RA half-width in degrees of RA, from {@link #raHalfWidthDeg}, infinite for all RAs
     */
    long raCells(int zone, double raDeg, double halfWidthDeg) {
        int last = cellsInZone(zone) - 1;
        if (halfWidthDeg >= 180 || last == 0) {
            return pack(0, last);
        }
        double low = raDeg - halfWidthDeg;
        double high = raDeg + halfWidthDeg;
        if (low >= 0 && high < 360) {
            return pack(raCell(zone, low), raCell(zone, high));
        }
        int from = low < 0 ? raCell(zone, low + 360) : raCell(zone, low);
        int to = low < 0 ? raCell(zone, high) : raCell(zone, high - 360);
        // the interval wraps through RA 0: [from, last] and [0, to], unless these meet
        return from <= to + 1 ? pack(0, last) : pack(from, to);
    }

    private static long pack(int first, int last) {
        return (long) first << 32 | last;
    }

    static int first(long cells) {
        return (int) (cells >>> 32);
    }

    static int last(long cells) {
        return (int) cells;
    }

    /** Receives runs of consecutive cell numbers. */
    @FunctionalInterface
    interface CellRunVisitor {
        /** @param firstCell first cell of the run; {@code lastCell} last one, inclusive */
        void visit(int firstCell, int lastCell);
    }

    /**
     * Visits, as disjoint runs of consecutive cells, every cell that may hold a position whose Dec is within
     * {@code radiusDeg} of {@code decDeg} and whose RA is within {@code raHalfWidthDeg} of {@code raDeg} (circularly).
     * Each cell is visited at most once.
     *
     * @param raDeg          centre RA in [0, 360) degrees
     * @param decDeg         centre Dec in [-90, 90] degrees
     * @param radiusDeg      padded radius in degrees (Dec half-extent)
     * @param raHalfWidthDeg RA half-extent in degrees of RA, from {@link #raHalfWidthDeg}, infinite for all RAs
     */
    void forEachCellRun(double raDeg, double decDeg, double radiusDeg, double raHalfWidthDeg, CellRunVisitor visitor) {
        int lastZone = zone(Math.min(90, decDeg + radiusDeg));
        for (int zone = zone(Math.max(-90, decDeg - radiusDeg)); zone <= lastZone; zone++) {
            int base = firstCell[zone];
            long cells = raCells(zone, raDeg, raHalfWidthDeg);
            int first = first(cells);
            int last = last(cells);
            if (first <= last) {
                visitor.visit(base + first, base + last);
            } else {
                visitor.visit(base, base + last);
                visitor.visit(base + first, firstCell[zone + 1] - 1);
            }
        }
    }
}
