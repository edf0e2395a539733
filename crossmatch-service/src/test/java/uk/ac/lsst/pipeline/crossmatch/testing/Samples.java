package uk.ac.lsst.pipeline.crossmatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's bundled samples ({@code samples/} at the repository root). */
public final class Samples {
    private Samples() {
    }

    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("samples/catalogues"))) {
                return p.resolve("samples");
            }
        }
        throw new IllegalStateException("samples/catalogues not found above " + Path.of("").toAbsolutePath());
    }

    /** The synthetic demo catalogue: rows placed next to some bundled sample alerts. */
    public static Path demoCatalogue() {
        return dir().resolve("catalogues/demo_context_synthetic.ecsv");
    }

    public static Path sdssCatalogue() {
        return dir().resolve("catalogues/sdss_dr14_star_galaxy_qso_2k.csv");
    }

    public static Path alerts() {
        return dir().resolve("alerts");
    }
}
