package uk.ac.lsst.pipeline.crossmatch.match;

import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.sky.MatchConsumer;
import uk.ac.lsst.pipeline.sky.PointIndex;

/**
 * A loaded catalogue with its sky index, ready to match against: the unit that a reload swaps. Immutable;
 * thread-safe (the index may be queried from any number of threads).
 */
public final class IndexedCatalogue {
    private static final double ARCSEC_PER_DEG = 3600.0;

    private final Catalogue catalogue;
    private final PointIndex index;
    private final double radiusDeg;

    private IndexedCatalogue(Catalogue catalogue, PointIndex index) {
        this.catalogue = catalogue;
        this.index = index;
        this.radiusDeg = catalogue.spec().radiusArcsec() / ARCSEC_PER_DEG;
    }

    /** Builds the sky index over the catalogue's positions, cells sized for its match radius. */
    public static IndexedCatalogue of(Catalogue catalogue) {
        PointIndex index = catalogue.size() == 0 ? null
                : PointIndex.build(catalogue.raDeg(), catalogue.decDeg(),
                        catalogue.spec().radiusArcsec() / ARCSEC_PER_DEG);
        return new IndexedCatalogue(catalogue, index);
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public String name() {
        return catalogue.name();
    }

    public double radiusArcsec() {
        return catalogue.spec().radiusArcsec();
    }

    /** Calls {@code consumer} for every source within the catalogue's radius of the position (degrees). */
    public void query(double raDeg, double decDeg, MatchConsumer consumer) {
        if (index != null) {
            index.query(raDeg, decDeg, radiusDeg, consumer);
        }
    }
}
