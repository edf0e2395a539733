package uk.ac.lsst.pipeline.crossmatch.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import uk.ac.lsst.pipeline.crossmatch.catalogue.Catalogue;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.catalogue.FileStamp;
import uk.ac.lsst.pipeline.crossmatch.catalogue.LoadReport;
import uk.ac.lsst.pipeline.crossmatch.catalogue.SourceIds;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;

/** Catalogues made in memory for tests, without a file. */
public final class InMemory {
    private InMemory() {
    }

    /** Sources with ids 0..n-1, all of one kind. */
    public static IndexedCatalogue catalogue(String name, double[] ra, double[] dec, SourceKind kind,
                                             double radiusArcsec) {
        long[] ids = new long[ra.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        CatalogueSpec spec = CatalogueSpec.of(name, Path.of(name + ".fits")).withFixedKind(kind)
                .withRadiusArcsec(radiusArcsec).withIdColumns("id");
        return IndexedCatalogue.of(new Catalogue(spec, FileStamp.MISSING, ra, dec, new SourceIds.Numeric(ids), null,
                List.of(), new LoadReport(ra.length, ra.length, Map.of(), List.of(), 0)));
    }
}
