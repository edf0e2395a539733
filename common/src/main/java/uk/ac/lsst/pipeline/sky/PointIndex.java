package uk.ac.lsst.pipeline.sky;

import java.util.Objects;

/**
 * An immutable index of sky positions (a catalogue) for cone searches: every entry within a radius of a query
 * position, with the exact separation. Positions are held in primitive arrays (no object per entry), about
 * 20 bytes per entry plus 4 bytes per cell of the grid (about 2 bytes per entry).
 *
 * <p>Layout: a {@link ZoneGrid} (declination zones cut into RA cells, about two entries per cell on average and no
 * thinner than a quarter of {@code maxRadiusDeg}); the entries sorted by cell (counting sort) into one interleaved
 * {@code double[]} of (RA, Dec) and an {@code int[]} of original indices; {@code int[] cellStart} gives each cell's
 * run. A query visits the runs of cells that the disc's Dec band and RA half-width touch, skips entries outside that
 * box and calls {@link Sphere#separationDeg} on the rest: an entry is reported if and only if that separation is
 * at most the radius, exactly as a brute-force loop with the same function decides.
 *
 * <p>Thread-safe once built: any number of threads may query it.
 */
public final class PointIndex {

    /** Entries per grid cell the index aims at, for a catalogue spread evenly over the sky. */
    private static final double ENTRIES_PER_CELL = 2.0;

    private final ZoneGrid grid;
    /** Start of each cell's run in {@link #ids}, plus the number of entries at the end. */
    private final int[] cellStart;
    /** RA then Dec, in degrees, of every entry in cell order. */
    private final double[] raDec;
    /** Original index of every entry in cell order. */
    private final int[] ids;

    private PointIndex(ZoneGrid grid, int[] cellStart, double[] raDec, int[] ids) {
        this.grid = grid;
        this.cellStart = cellStart;
        this.raDec = raDec;
        this.ids = ids;
    }

    /**
     * @param raDeg  right ascensions in degrees, [0, 360)
     * @param decDeg declinations in degrees, [-90, 90]; same length as {@code raDeg}
     * @param maxRadiusDeg the largest radius queries will use (lets the index choose its cell size), in degrees,
     *                     (0, 180]
     * @throws IllegalArgumentException for arrays of different lengths or any non-finite / out-of-range position,
     *                                  naming the first bad index
     */
    public static PointIndex build(double[] raDeg, double[] decDeg, double maxRadiusDeg) {
        Objects.requireNonNull(raDeg, "raDeg");
        Objects.requireNonNull(decDeg, "decDeg");
        if (!(maxRadiusDeg > 0 && maxRadiusDeg <= 180)) {
            throw new IllegalArgumentException("PointIndex: maxRadiusDeg = " + maxRadiusDeg
                    + " is outside (0, 180]");
        }
        return buildWithZoneHeight(raDeg, decDeg, ZoneGrid.heightFor(raDeg.length, ENTRIES_PER_CELL, maxRadiusDeg / 4));
    }

    /** As {@link #build(double[], double[], double)} with a given zone height in degrees (for tests). */
    static PointIndex buildWithZoneHeight(double[] raDeg, double[] decDeg, double zoneHeightDeg) {
        Positions.check("PointIndex", raDeg, decDeg);
        ZoneGrid grid = new ZoneGrid(zoneHeightDeg);
        int n = raDeg.length;
        int[] cellStart = new int[grid.cellCount() + 1];
        for (int i = 0; i < n; i++) {
            cellStart[grid.cell(raDeg[i], decDeg[i]) + 1]++;
        }
        for (int c = 1; c < cellStart.length; c++) {
            cellStart[c] += cellStart[c - 1];
        }
        double[] raDec = new double[2 * n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            // cellStart[c] serves as the fill cursor of cell c, and ends at the start of cell c + 1
            int at = cellStart[grid.cell(raDeg[i], decDeg[i])]++;
            raDec[2 * at] = raDeg[i];
            raDec[2 * at + 1] = decDeg[i];
            ids[at] = i;
        }
        System.arraycopy(cellStart, 0, cellStart, 1, cellStart.length - 1);
        cellStart[0] = 0;
        return new PointIndex(grid, cellStart, raDec, ids);
    }

    /** The number of entries. */
    public int size() {
        return ids.length;
    }

    /** Heap held by the index's arrays, in bytes (array headers included, the few small objects not). */
    public long memoryBytes() {
        return Positions.arrayBytes(cellStart.length, 4) + Positions.arrayBytes(raDec.length, 8)
                + Positions.arrayBytes(ids.length, 4) + grid.memoryBytes();
    }

    /** The zone height of the grid, in degrees. */
    double zoneHeightDeg() {
        return grid.zoneHeightDeg();
    }

    /**
     * Calls {@code consumer} once for every entry whose separation from (raDeg, decDeg) is at most
     * {@code radiusDeg} (boundary included), in no particular order, with the separation that
     * {@link Sphere#separationDeg} gives. A radius above the build's maxRadiusDeg is allowed (slower).
     *
     * @param raDeg     query RA in degrees, [0, 360)
     * @param decDeg    query Dec in degrees, [-90, 90]
     * @param radiusDeg search radius in degrees, [0, 180]
     * @throws IllegalArgumentException for a non-finite or out-of-range argument
     */
    public void query(double raDeg, double decDeg, double radiusDeg, MatchConsumer consumer) {
        Positions.checkQuery("PointIndex", raDeg, decDeg);
        if (!(radiusDeg >= 0 && radiusDeg <= 180)) {
            throw new IllegalArgumentException("PointIndex: query radiusDeg = " + radiusDeg + " is outside [0, 180]");
        }
        Objects.requireNonNull(consumer, "consumer");
        double paddedDeg = radiusDeg + ZoneGrid.PAD_DEG;
        double halfWidthDeg = ZoneGrid.raHalfWidthDeg(decDeg, paddedDeg);
        grid.forEachCellRun(raDeg, decDeg, paddedDeg, halfWidthDeg, (first, last) ->
                scan(cellStart[first], cellStart[last + 1], raDeg, decDeg, radiusDeg, paddedDeg, halfWidthDeg,
                        consumer));
    }

    private void scan(int from, int to, double raDeg, double decDeg, double radiusDeg, double paddedDeg,
                      double halfWidthDeg, MatchConsumer consumer) {
        double[] positions = raDec;
        for (int i = from; i < to; i++) {
            double dec = positions[2 * i + 1];
            if (Math.abs(dec - decDeg) > paddedDeg) {
                continue;
            }
            double ra = positions[2 * i];
            double dRa = Math.abs(ra - raDeg);
            if (Math.min(dRa, 360 - dRa) > halfWidthDeg) {
                continue;
            }
            double separationDeg = Sphere.separationDeg(raDeg, decDeg, ra, dec);
            if (separationDeg <= radiusDeg) {
                consumer.accept(ids[i], separationDeg);
            }
        }
    }
}
