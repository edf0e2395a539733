package uk.ac.lsst.pipeline.features.stage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import uk.ac.lsst.pipeline.testing.ProjectFiles;

/** Variables of features-service for tests: the two buffers and the demo catalogue the pipeline file names. */
final class StageEnv {
    private StageEnv() {
    }

    /** The synthetic demo catalogue bundled in {@code samples/catalogues}: rows next to some sample alerts. */
    static Path demoCatalogue() {
        return ProjectFiles.root().resolve("samples/catalogues/demo_context_synthetic.ecsv");
    }

    /**
     * The buffers and the demo catalogue as {@code pipeline.yaml} describes it (id and class columns, redshift and r
     * carried, 5 arcsec); a mutable map. The alerts topic is left at its default.
     */
    static Map<String, String> of(String input, String output) {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", input);
        env.put("OUTPUT_BOOTSTRAP_SERVERS", output);
        env.put("CATALOGUES", "demo");
        env.put("CATALOGUE_DEMO_FILE", demoCatalogue().toString());
        env.put("CATALOGUE_DEMO_ID_COLUMN", "id");
        env.put("CATALOGUE_DEMO_TYPE_COLUMN", "class");
        env.put("CATALOGUE_DEMO_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_RADIUS_ARCSEC", "5");
        return env;
    }
}
