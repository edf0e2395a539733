package uk.ac.lsst.pipeline.sky;

import java.util.Objects;

/**
 * An immutable index of sky positions (a catalogue) for cone searches: every entry within a radius of a query
 * position, with the exact separation. Positions are held in primitive arrays (no object per entry), about
 * 24 bytes per entry plus 4 bytes per cell of the grid (about 2 bytes per entry): 10 million sources take 260 MB.
 *
 * <p>Layout: a {@link ZoneGrid} (declination zones cut into RA cells) with about two entries per cell on average,
 * its zones no thinner than an eighth of {@code maxRadiusDeg} (so a search of that radius reads at most 17 zones);
 * the entries sorted by cell (counting sort) into one interleaved {@code double[]} of (RA, Dec, original index), so
 * that a match costs no memory access beyond its position's (a separate {@code int[]} of indices would save 4 bytes
 * per entry but cost a third of the throughput on matching queries); {@code int[] cellStart} gives each cell's run.
 * A query visits the runs of cells that the disc's Dec band and RA half-width touch, skips entries outside that box
 * and calls {@link Sphere#separationDeg} on the rest: an entry is reported if and only if that separation is at
 * most the radius, exactly as a brute-force loop with the same function decides.
 *
 * <p>Thread-safe once built: any number of threads may query it.
 */
public final class PointIndex {

    /** Entries per grid cell the index aims at, for a catalogue spread evenly over the sky. */
    private static final double ENTRIES_PER_CELL = 2.0;

    private final ZoneGrid grid;
    /** Start of each cell's run, counted in entries, plus the number of entries at the end. */
    private final int[] cellStart;
    /**
     * RA and Dec in degrees, then the original index (exact as a double), of every entry in cell order: the index
     * shares the cache line of the position it belongs to, which saves a memory access per match.
     */
    private final double[] entries;
    private final int size;

    private PointIndex(ZoneGrid grid, int[] cellStart, double[] entries) {
        this.grid = grid;
        this.cellStart = cellStart;
        this.entries = entries;
        this.size = entries.length / 3;
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
        double zoneHeightDeg = ZoneGrid.heightFor(raDeg.length, ENTRIES_PER_CELL, maxRadiusDeg / 8);
        return buildWithZoneHeight(raDeg, decDeg, zoneHeightDeg);
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
        double[] entries = new double[Math.multiplyExact(3, n)];
        for (int i = 0; i < n; i++) {
            // cellStart[c] serves as the fill cursor of cell c, and ends at the start of cell c + 1
            int at = 3 * cellStart[grid.cell(raDeg[i], decDeg[i])]++;
            entries[at] = raDeg[i];
            entries[at + 1] = decDeg[i];
            entries[at + 2] = i;
        }
        System.arraycopy(cellStart, 0, cellStart, 1, cellStart.length - 1);
        cellStart[0] = 0;
        return new PointIndex(grid, cellStart, entries);
    }

    /** The number of entries. */
    public int size() {
        return size;
    }

    /** Heap held by the index's arrays, in bytes (array headers included, the few small objects not). */
    public long memoryBytes() {
        return Positions.arrayBytes(cellStart.length, 4) + Positions.arrayBytes(entries.length, 8)
                + grid.memoryBytes();
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
        // the loop of ZoneGrid.forEachCellRun, inlined: a capturing visitor would cost an allocation per query
        int lastZone = grid.zone(Math.min(90, decDeg + paddedDeg));
        for (int zone = grid.zone(Math.max(-90, decDeg - paddedDeg)); zone <= lastZone; zone++) {
            int base = grid.firstCell(zone);
            long cells = grid.raCells(zone, raDeg, halfWidthDeg);
            int first = base + ZoneGrid.first(cells);
            int last = base + ZoneGrid.last(cells);
            if (first <= last) {
                scan(cellStart[first], cellStart[last + 1], raDeg, decDeg, radiusDeg, paddedDeg, halfWidthDeg,
                        consumer);
            } else {
                scan(cellStart[base], cellStart[last + 1], raDeg, decDeg, radiusDeg, paddedDeg, halfWidthDeg,
                        consumer);
                scan(cellStart[first], cellStart[base + grid.cellsInZone(zone)], raDeg, decDeg, radiusDeg,
                        paddedDeg, halfWidthDeg, consumer);
            }
        }
    }

    private void scan(int from, int to, double raDeg, double decDeg, double radiusDeg, double paddedDeg,
                      double halfWidthDeg, MatchConsumer consumer) {
        double[] positions = entries;
        for (int i = 3 * from, end = 3 * to; i < end; i += 3) {
            double dec = positions[i + 1];
            if (Math.abs(dec - decDeg) > paddedDeg) {
                continue;
            }
            double ra = positions[i];
            double dRa = Math.abs(ra - raDeg);
            if (Math.min(dRa, 360 - dRa) > halfWidthDeg) {
                continue;
            }
            double separationDeg = Sphere.separationDeg(raDeg, decDeg, ra, dec);
            if (separationDeg <= radiusDeg) {
                consumer.accept((int) positions[i + 2], separationDeg);
            }
        }
    }
}
