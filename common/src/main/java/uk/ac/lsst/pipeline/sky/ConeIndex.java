package uk.ac.lsst.pipeline.sky;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable index of cones (sky positions each with its own radius, e.g. watch-list sources) answering: which
 * cones contain this position? Held in primitive arrays. Thread-safe once built.
 *
 * <p>Layout: a few levels, each a {@link ZoneGrid} four times as coarse as the one before. The finest has about one
 * cone per cell; a cone goes to the finest level whose zone height is at least its diameter, and is copied into every
 * cell its disc may touch (1 to 4 cells typically, so 1-degree cones do not crowd a fine grid). Within a level the
 * copies are sorted by cell into an interleaved {@code double[]} of (RA, Dec, radius, original index). A query reads
 * one cell per level, skips copies whose Dec is farther than their radius and calls {@link Sphere#separationDeg} on
 * the rest: a cone is reported if and only if that separation is at most its radius, exactly as a brute-force loop
 * with the same function decides. Memory is 32 bytes per copy plus 4 bytes per cell
 * (about 40 bytes per cone for arcsecond cones: 40 MB for a million).
 */
public final class ConeIndex {

    /** The largest cone radius accepted, in degrees. */
    public static final double MAX_RADIUS_DEG = 1.0;

    /**
     * Zone height ratio of consecutive levels: 4 keeps the levels few (a query reads one cell per level) while a
     * cone still touches at most about (1 + 2 r / h)^2 &lt;= 4 cells of its level.
     */
    private static final double LEVEL_RATIO = 4;

    /** Cones per cell of the finest level the index aims at, for cones spread evenly over the sky. */
    private static final double CONES_PER_CELL = 1.0;

    private final Level[] levels;
    private final int size;

    private ConeIndex(Level[] levels, int size) {
        this.levels = levels;
        this.size = size;
    }

    /**
     * @param raDeg     cone centres, right ascension in degrees, [0, 360)
     * @param decDeg    cone centres, declination in degrees, [-90, 90]
     * @param radiusDeg cone radii in degrees, (0, 1] (0.1 arcsec to 1 degree in practice)
     * @throws IllegalArgumentException for arrays of different lengths or a bad value, naming the first bad index
     */
    public static ConeIndex build(double[] raDeg, double[] decDeg, double[] radiusDeg) {
        Objects.requireNonNull(raDeg, "raDeg");
        return buildWithZoneHeight(raDeg, decDeg, radiusDeg,
                ZoneGrid.heightFor(raDeg.length, CONES_PER_CELL, ZoneGrid.MIN_ZONE_HEIGHT_DEG));
    }

    /** As {@link #build} with the zone height of the finest level given, in degrees (for tests). */
    static ConeIndex buildWithZoneHeight(double[] raDeg, double[] decDeg, double[] radiusDeg,
                                         double finestZoneHeightDeg) {
        Objects.requireNonNull(raDeg, "raDeg");
        Objects.requireNonNull(decDeg, "decDeg");
        Objects.requireNonNull(radiusDeg, "radiusDeg");
        Positions.check("ConeIndex", raDeg, decDeg);
        checkRadii(raDeg.length, radiusDeg);
        int n = raDeg.length;
        int levelCount = 1 + levelOf(MAX_RADIUS_DEG, finestZoneHeightDeg);
        int[] levelOfCone = new int[n];
        boolean[] used = new boolean[levelCount];
        for (int i = 0; i < n; i++) {
            levelOfCone[i] = levelOf(radiusDeg[i], finestZoneHeightDeg);
            used[levelOfCone[i]] = true;
        }
        List<Level> levels = new ArrayList<>();
        for (int level = 0; level < levelCount; level++) {
            if (used[level]) {
                ZoneGrid grid = new ZoneGrid(zoneHeightDeg(finestZoneHeightDeg, level));
                levels.add(Level.build(grid, level, levelOfCone, raDeg, decDeg, radiusDeg));
            }
        }
        return new ConeIndex(levels.toArray(new Level[0]), n);
    }

    private static void checkRadii(int n, double[] radiusDeg) {
        if (radiusDeg.length != n) {
            throw new IllegalArgumentException("ConeIndex: raDeg has " + n + " entries but radiusDeg has "
                    + radiusDeg.length);
        }
        for (int i = 0; i < n; i++) {
            if (!(radiusDeg[i] > 0 && radiusDeg[i] <= MAX_RADIUS_DEG)) {
                throw new IllegalArgumentException("ConeIndex: radiusDeg[" + i + "] = " + radiusDeg[i]
                        + " is outside (0, " + MAX_RADIUS_DEG + "]");
            }
        }
    }

    /** The finest level whose zone height is at least the padded diameter of a cone. */
    private static int levelOf(double radiusDeg, double finestZoneHeightDeg) {
        double diameterDeg = 2 * (radiusDeg + ZoneGrid.PAD_DEG);
        int level = 0;
        while (zoneHeightDeg(finestZoneHeightDeg, level) < diameterDeg) {
            level++;
        }
        return level;
    }

    /** The zone height of a level, in degrees: each level is {@link #LEVEL_RATIO} times coarser, up to 180. */
    private static double zoneHeightDeg(double finestZoneHeightDeg, int level) {
        return Math.min(180, finestZoneHeightDeg * Math.pow(LEVEL_RATIO, level));
    }

    /** The number of cones. */
    public int size() {
        return size;
    }

    /** Heap held by the index's arrays, in bytes (array headers included, the few small objects not). */
    public long memoryBytes() {
        long bytes = 0;
        for (Level level : levels) {
            bytes += level.memoryBytes();
        }
        return bytes;
    }

    /** The number of cone copies held (each cone is copied into every cell its disc may touch). */
    long copies() {
        long copies = 0;
        for (Level level : levels) {
            copies += level.cones.length / Level.STRIDE;
        }
        return copies;
    }

    /** The number of grid levels in use. */
    int levelCount() {
        return levels.length;
    }

    /**
     * Calls {@code consumer} once for every cone whose centre is within its radius of (raDeg, decDeg) (boundary
     * included), with the exact separation from the centre as {@link Sphere#separationDeg} gives it.
     *
     * @param raDeg  query RA in degrees, [0, 360)
     * @param decDeg query Dec in degrees, [-90, 90]
     * @throws IllegalArgumentException for a non-finite or out-of-range position
     */
    public void query(double raDeg, double decDeg, MatchConsumer consumer) {
        Positions.checkQuery("ConeIndex", raDeg, decDeg);
        Objects.requireNonNull(consumer, "consumer");
        for (Level level : levels) {
            level.query(raDeg, decDeg, consumer);
        }
    }

    /** The cones of one grid level, copied into every cell they may touch and sorted by cell. */
    private static final class Level {
        /** Doubles per copy: RA, Dec, radius, original index. */
        static final int STRIDE = 4;

        private final ZoneGrid grid;
        /** Start of each cell's run, counted in copies, plus the number of copies at the end. */
        private final int[] cellStart;
        /**
         * RA, Dec and radius in degrees, then the original index (exact as a double), of every copy in cell order:
         * 32 bytes, two copies per cache line, and a match needs no other memory access.
         */
        private final double[] cones;

        private Level(ZoneGrid grid, int[] cellStart, double[] cones) {
            this.grid = grid;
            this.cellStart = cellStart;
            this.cones = cones;
        }

        static Level build(ZoneGrid grid, int level, int[] levelOfCone, double[] raDeg, double[] decDeg,
                           double[] radiusDeg) {
            int[] cellStart = new int[grid.cellCount() + 1];
            for (int i = 0; i < levelOfCone.length; i++) {
                if (levelOfCone[i] == level) {
                    forEachCellRun(grid, raDeg[i], decDeg[i], radiusDeg[i], (first, last) -> {
                        for (int c = first; c <= last; c++) {
                            cellStart[c + 1]++;
                        }
                    });
                }
            }
            for (int c = 1; c < cellStart.length; c++) {
                cellStart[c] += cellStart[c - 1];
            }
            int copies = cellStart[cellStart.length - 1];
            double[] cones = new double[Math.multiplyExact(STRIDE, copies)];
            for (int i = 0; i < levelOfCone.length; i++) {
                if (levelOfCone[i] == level) {
                    int cone = i;
                    forEachCellRun(grid, raDeg[i], decDeg[i], radiusDeg[i], (first, last) -> {
                        for (int c = first; c <= last; c++) {
                            // cellStart[c] serves as the fill cursor of cell c, and ends at the start of cell c + 1
                            int at = STRIDE * cellStart[c]++;
                            cones[at] = raDeg[cone];
                            cones[at + 1] = decDeg[cone];
                            cones[at + 2] = radiusDeg[cone];
                            cones[at + 3] = cone;
                        }
                    });
                }
            }
            System.arraycopy(cellStart, 0, cellStart, 1, cellStart.length - 1);
            cellStart[0] = 0;
            return new Level(grid, cellStart, cones);
        }

        private static void forEachCellRun(ZoneGrid grid, double raDeg, double decDeg, double radiusDeg,
                                           ZoneGrid.CellRunVisitor visitor) {
            double paddedDeg = radiusDeg + ZoneGrid.PAD_DEG;
            grid.forEachCellRun(raDeg, decDeg, paddedDeg, ZoneGrid.raHalfWidthDeg(decDeg, paddedDeg), visitor);
        }

        void query(double raDeg, double decDeg, MatchConsumer consumer) {
            int cell = grid.cell(raDeg, decDeg);
            double[] copies = cones;
            for (int i = STRIDE * cellStart[cell], end = STRIDE * cellStart[cell + 1]; i < end; i += STRIDE) {
                double dec = copies[i + 1];
                double radiusDeg = copies[i + 2];
                if (Math.abs(dec - decDeg) > radiusDeg + ZoneGrid.PAD_DEG) {
                    continue;
                }
                double separationDeg = Sphere.separationDeg(raDeg, decDeg, copies[i], dec);
                if (separationDeg <= radiusDeg) {
                    consumer.accept((int) copies[i + 3], separationDeg);
                }
            }
        }

        long memoryBytes() {
            return Positions.arrayBytes(cellStart.length, 4) + Positions.arrayBytes(cones.length, 8)
                    + grid.memoryBytes();
        }
    }
}
