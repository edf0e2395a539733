package uk.ac.lsst.pipeline.features.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSpec;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.spec.PipelineEnvironment;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.ProjectFiles;

class FeaturesSettingsTest {

    private static Map<String, String> minimal() {
        return StageEnv.of("ingest:9092", "science:9092");
    }

    @Test
    void shouldDefaultToTheDocumentedTopicsAndTheLowLatencyClientSettings() {
        FeaturesSettings s = new FeaturesStage().settings(minimal());

        assertThat(s.stage().applicationId()).isEqualTo("features-service");
        assertThat(s.stage().threads()).isEqualTo(1);
        assertThat(s.reads()).containsExactly(new TopicUse("alerts", "alerts", 0),
                new TopicUse("watchlists", "watchlists", 0));
        assertThat(s.writes()).containsExactly(new TopicUse("annotated", "annotated-alerts", 0),
                new TopicUse("dead-letters", "features-dead-letters", 0));
        assertThat(s.alerts().startFrom().spec()).isEqualTo("earliest");
        assertThat(s.indexDebounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.indexMaxDelay()).isEqualTo(Duration.ofSeconds(5));
        CatalogueSpec demo = s.catalogues().catalogues().get(0);
        assertThat(s.catalogues().catalogues()).containsExactly(demo);
        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.typeColumn()).contains("class");
        assertThat(demo.radiusArcsec()).isEqualTo(5.0);
        assertThat(s.catalogues().rules()).isEqualTo(ClassificationRules.DEFAULTS);
        Properties p = StageRunner.streamsProperties(s.stage());
        assertThat(p).containsEntry("application.id", "features-service")
                .containsEntry("bootstrap.servers", "ingest:9092")
                .containsEntry("processing.guarantee", "at_least_once")
                .containsEntry("producer.linger.ms", "0")
                .containsEntry("consumer.fetch.max.wait.ms", "10")
                .containsEntry("consumer.max.poll.records", "100");
        assertThat(FeaturesSettings.STATE_STORE).isEqualTo("object-features");
        assertThat(s.describe()).contains("alerts", "[demo]", "watchlists", "annotated-alerts");
    }

    @Test
    void shouldReadTopicsPartitionsIndexTimingAndKafkaOverrides() {
        Map<String, String> env = minimal();
        env.put("APPLICATION_ID", "features-replay");
        env.put("ALERTS_TOPIC", "alerts-compact");
        env.put("ALERTS_PARTITIONS", "16");
        env.put("WATCHLISTS_TOPIC", "lists");
        env.put("WATCHLISTS_PARTITIONS", "1");
        env.put("ANNOTATED_TOPIC", "annotated-test");
        env.put("ANNOTATED_PARTITIONS", "8");
        env.put("DEAD_LETTER_TOPIC", "features-dlq");
        env.put("INDEX_DEBOUNCE", "PT1S");
        env.put("INDEX_MAX_DELAY", "30000");
        env.put("STREAM_THREADS", "4");
        env.put("KAFKA_PRODUCER_LINGER_MS", "5");
        env.put("KAFKA_COMMIT_INTERVAL_MS", "100");

        FeaturesSettings s = new FeaturesStage().settings(env);

        assertThat(s.reads()).containsExactly(new TopicUse("alerts", "alerts-compact", 16),
                new TopicUse("watchlists", "lists", 1));
        assertThat(s.writes()).containsExactly(new TopicUse("annotated", "annotated-test", 8),
                new TopicUse("dead-letters", "features-dlq", 0));
        assertThat(s.indexDebounce()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.indexMaxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.stage().threads()).isEqualTo(4);
        assertThat(StageRunner.streamsProperties(s.stage())).containsEntry("application.id", "features-replay")
                .containsEntry("producer.linger.ms", "5")
                .containsEntry("commit.interval.ms", "100")
                .containsEntry("consumer.fetch.max.wait.ms", "10");
    }

    @Test
    void shouldTakeTheTopicsAndCataloguesThePipelineFileGivesTheStage() {
        Map<String, String> process = Map.of(
                PipelineSpec.FILE_VARIABLE, ProjectFiles.pipelineFile().toString(),
                PipelineEnvironment.STAGE_VARIABLE, "features-service",
                "SAMPLES_DIR", ProjectFiles.root().resolve("samples").toString());

        FeaturesSettings s = new FeaturesStage().settings(PipelineEnvironment.resolve(process, FeaturesStage.KIND));

        assertThat(s.reads()).extracting(TopicUse::name).containsExactly("alerts-compact", "watchlists");
        assertThat(s.writes()).extracting(TopicUse::name).containsExactly("annotated-alerts", "features-dead-letters");
        assertThat(s.stage().input().bootstrapServers()).isEqualTo("localhost:9093");
        assertThat(s.stage().output().bootstrapServers()).isEqualTo("localhost:9094");
        assertThat(s.catalogues().catalogues()).extracting(CatalogueSpec::name).containsExactly("sdss", "demo");
        assertThat(s.catalogues().catalogues().get(1).radiusArcsec()).isEqualTo(5.0);
    }

    @Test
    void shouldRequireAtLeastOneCatalogue() {
        Map<String, String> env = minimal();
        env.keySet().removeIf(name -> name.startsWith("CATALOGUE"));

        assertThatThrownBy(() -> new FeaturesStage().settings(env))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .containsExactly("CATALOGUES is missing: expected comma-separated catalogue names, e.g. sdss,"
                                + " each described by CATALOGUE_<NAME>_FILE and friends"));
    }

    @Test
    void shouldListEveryMissingOrInvalidVariableAtOnceNamingWhatWasExpected() {
        Map<String, String> env = new HashMap<>();
        env.put("CATALOGUES", "demo");
        env.put("CATALOGUE_DEMO_FILE", "/nowhere/demo.ecsv");
        env.put("CATALOGUE_DEMO_RADIUS_ARCSEC", "wide");
        env.put("ANNOTATED_PARTITIONS", "-1");
        env.put("WATCHLISTS_PARTITIONS", "one");
        env.put("INDEX_DEBOUNCE", "soon");
        env.put("INDEX_MAX_DELAY", "-PT1S");
        env.put("STREAM_THREADS", "0");
        env.put("START_FROM", "yesterday");
        env.put("MAX_ALERT_BYTES", "10");

        assertThatThrownBy(() -> new FeaturesStage().settings(env))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("INPUT_BOOTSTRAP_SERVERS is missing: expected"))
                        .anyMatch(p -> p.startsWith("OUTPUT_BOOTSTRAP_SERVERS is missing: expected"))
                        .contains("ANNOTATED_PARTITIONS='-1' is invalid: expected an integer from 0 to 100000")
                        .contains("WATCHLISTS_PARTITIONS='one' is invalid: expected an integer from 0 to 100000")
                        .contains("INDEX_DEBOUNCE='soon' is invalid: expected an ISO-8601 duration such as PT30S,"
                                + " or milliseconds")
                        .contains("INDEX_MAX_DELAY='-PT1S' is invalid: expected an ISO-8601 duration such as PT30S,"
                                + " or milliseconds")
                        .contains("STREAM_THREADS='0' is invalid: expected an integer from 1 to 64")
                        .anyMatch(p -> p.startsWith("START_FROM='yesterday' is invalid"))
                        .contains("MAX_ALERT_BYTES='10' is invalid: expected an integer from 1024 to 67108864")
                        .contains("CATALOGUE_DEMO_FILE='/nowhere/demo.ecsv' does not exist or cannot be read")
                        .contains("CATALOGUE_DEMO_RADIUS_ARCSEC='wide' is invalid: expected a number of arcseconds"
                                + " from 0 to 3600")
                        .hasSize(11));
    }
}
