package uk.ac.lsst.pipeline.crossmatch.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.SchemaSources;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.files.AlertFiles;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueLoader;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.IndexedCatalogue;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.testing.Samples;
import uk.ac.lsst.pipeline.crossmatch.testing.TestAlerts;
import uk.ac.lsst.pipeline.stage.JsonSerde;

class OfflineCrossmatchTest {
    @TempDir
    Path dir;

    private final StringWriter text = new StringWriter();
    private final List<String> problems = new ArrayList<>();

    private OfflineCrossmatch offline() {
        CatalogueLoader loader = CatalogueLoader.withDefaults();
        CatalogueSpec sdss = CatalogueSpec.of("sdss", Samples.sdssCatalogue()).withIdColumns("plate", "mjd", "fiberid")
                .withTypeColumn("class").withCarryColumns("redshift");
        CatalogueSpec demo = CatalogueSpec.of("demo", Samples.demoCatalogue()).withIdColumns("id")
                .withTypeColumn("class").withRadiusArcsec(5);
        CrossMatcher matcher = new CrossMatcher(new LiveCatalogues(List.of(IndexedCatalogue.of(loader.load(sdss)),
                IndexedCatalogue.of(loader.load(demo)))), ClassificationRules.DEFAULTS);
        return new OfflineCrossmatch(matcher, new PrintWriter(text), problems::add);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.toString().split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JsonSerde.mapper().readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void shouldMatchPositionsInDegreesAndSexagesimalWithOrWithoutNames() throws Exception {
        Path csv = dir.resolve("positions.csv");
        Files.writeString(csv, """
                # targets for tonight
                name,ra,dec
                sdss-star,183.5313256941,0.0896930301
                sdss-galaxy-offset,12:14:43.2498,+00:07:34.27
                nowhere,10.0,-80.0
                broken,abc,1
                ,183.5983705359,0.1352850322
                """);

        OfflineCrossmatch.Outcome outcome = offline().matchPositions(csv);

        assertThat(outcome).isEqualTo(new OfflineCrossmatch.Outcome(4, 1));
        assertThat(problems).singleElement().asString().contains("line 6").contains("'abc'");
        List<JsonNode> out = lines();
        assertThat(out).extracting(n -> n.get("name").asText())
                .containsExactly("sdss-star", "sdss-galaxy-offset", "nowhere", "line 7");
        assertThat(out.get(0).get("classification").asText()).isEqualTo("VS");
        assertThat(out.get(0).get("matches").get(0).get("sourceId").asText()).isEqualTo("3306-54922-491");
        assertThat(out.get(0).get("matches").get(0).get("columns").get("redshift").asDouble()).isEqualTo(-8.956e-6);
        // 12:14:43.2498 +00:07:34.27 is 183.680207..., 0.126186... : SDSS 287-52023-513, a galaxy, ~0.0" away
        assertThat(out.get(1).get("matches").get(0).get("sourceId").asText()).isEqualTo("287-52023-513");
        assertThat(out.get(1).get("matches").get(0).get("separationArcsec").asDouble()).isCloseTo(0, within(0.01));
        assertThat(out.get(1).get("classification").asText()).isEqualTo("NT");
        assertThat(out.get(2).get("classification").asText()).isEqualTo("ORPHAN");
        assertThat(out.get(2).get("matches")).isEmpty();
        assertThat(out.get(3).get("matches").get(0).get("sourceId").asText()).isEqualTo("323-51615-541");
    }

    @Test
    void shouldReadHeaderlessPositionFiles() throws Exception {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "183.5313256941,0.0896930301,a\n15.0322974,-7.3571927\n");
        assertThat(offline().matchPositions(csv)).isEqualTo(new OfflineCrossmatch.Outcome(2, 0));
        assertThat(lines()).extracting(n -> n.get("classification").asText()).containsExactly("VS", "SN");
        assertThat(lines().get(1).get("name").asText()).isEqualTo("line 2");
    }

    @Test
    void shouldMatchAlertFilesAndReportTheOnesWithoutPosition() throws Exception {
        Path alerts = dir.resolve("alerts");
        Files.createDirectories(alerts);
        Files.write(alerts.resolve("a.avro"), TestAlerts.ztf("ZTF18acsbuxi"));
        Files.write(alerts.resolve("b.avro"), TestAlerts.ztfAt(TestAlerts.ztf("ZTF18acsbuxi"), Double.NaN, 1));
        Files.write(alerts.resolve("c.avro"), TestAlerts.ztf("ZTF18acsbuxh"));
        Files.writeString(alerts.resolve("d.json"), "{}");

        OfflineCrossmatch.Outcome outcome = offline().matchAlerts(AlertFiles.scan(List.of(alerts)),
                new AlertDecoder(SchemaSources.none(), false, 8 << 20));

        assertThat(outcome).isEqualTo(new OfflineCrossmatch.Outcome(2, 2));
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("d.json").contains("neither an Avro OCF file");
        assertThat(problems.get(1)).contains("b.avro").contains("no usable position");
        List<JsonNode> out = lines();
        assertThat(out).extracting(n -> n.get("objectId").asText()).containsExactly("ZTF18acsbuxi", "ZTF18acsbuxh");
        assertThat(out).extracting(n -> n.get("classification").asText()).containsExactly("VS", "NT");
        assertThat(out.get(0).get("survey").asText()).isEqualTo("ZTF");
        assertThat(out.get(0).get("matches").get(0).get("catalogue").asText()).isEqualTo("demo");
    }
}
