package uk.ac.lsst.pipeline.filter.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.filter.definition.FilterTopics;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageEnvironment;
import uk.ac.lsst.pipeline.spec.StageKinds;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.ProjectFiles;

class FilterSettingsTest {
    private static final Map<String, String> BUFFERS = Map.of(
            "INPUT_BOOTSTRAP_SERVERS", "science:9092",
            "OUTPUT_BOOTSTRAP_SERVERS", "science:9092");

    private static FilterSettings settings(Map<String, String> vars) {
        Map<String, String> env = new HashMap<>(BUFFERS);
        env.putAll(vars);
        return new FilterStage().settings(env);
    }

    @Test
    void shouldDefaultToTheDocumentedTopicsAndTheLowLatencyClientSettings() {
        FilterSettings s = settings(Map.of());

        Properties p = StageRunner.streamsProperties(s.stage());
        assertThat(p).containsEntry("application.id", "filter-service")
                .containsEntry("bootstrap.servers", "science:9092")
                .containsEntry("producer.linger.ms", "0")
                .containsEntry("consumer.fetch.max.wait.ms", "10")
                .containsEntry("consumer.max.poll.records", "100")
                .containsEntry("num.stream.threads", 1);
        assertThat(s.stage().output().bootstrapServers()).isEqualTo("science:9092");
        assertThat(s.reads()).extracting(TopicUse::role, TopicUse::name).containsExactly(
                tuple("annotated", "annotated-alerts"), tuple("filters", "filters"));
        assertThat(s.writes()).extracting(TopicUse::name).containsExactly("filters-dead-letters");
        assertThat(s.topicPartitions()).isEqualTo(1);
        assertThat(s.topicReplication()).isEqualTo((short) -1);
        assertThat(s.topicRetention()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void shouldReadTheTopicsAndTheSettingsOfTheFiltersTopics() {
        FilterSettings s = settings(Map.of(
                "ANNOTATED_TOPIC", "annotated-v2",
                "ANNOTATED_PARTITIONS", "32",
                "FILTERS_TOPIC", "user-filters",
                "DEAD_LETTER_TOPIC", "filters-dlq",
                "FILTER_TOPIC_PARTITIONS", "6",
                "FILTER_TOPIC_REPLICATION_FACTOR", "3",
                "FILTER_TOPIC_RETENTION", "P30D",
                "KAFKA_PRODUCER_LINGER_MS", "5"));

        assertThat(s.annotated()).isEqualTo(new TopicUse("annotated", "annotated-v2", 32));
        assertThat(s.filters().name()).isEqualTo("user-filters");
        assertThat(s.stage().deadLetters().name()).isEqualTo("filters-dlq");
        assertThat(s.topicPartitions()).isEqualTo(6);
        assertThat(s.topicReplication()).isEqualTo((short) 3);
        assertThat(s.topicRetention()).isEqualTo(Duration.ofDays(30));
        assertThat(StageRunner.streamsProperties(s.stage())).containsEntry("producer.linger.ms", "5");
        assertThat(s.describe()).contains("user-filters", "annotated-v2", "6 partition(s)", "PT720H");
    }

    @Test
    void shouldTakeTheRetentionInMillisecondsToo() {
        assertThat(settings(Map.of("FILTER_TOPIC_RETENTION", "3600000")).topicRetention())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldListEveryMissingOrInvalidVariableWithWhatWasExpected() {
        assertThatThrownBy(() -> new FilterStage().settings(Map.of(
                "FILTER_TOPIC_PARTITIONS", "0",
                "FILTER_TOPIC_REPLICATION_FACTOR", "two",
                "FILTER_TOPIC_RETENTION", "a week",
                "ANNOTATED_PARTITIONS", "-4")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("INPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("OUTPUT_BOOTSTRAP_SERVERS is missing"))
                        .contains("FILTER_TOPIC_PARTITIONS='0' is invalid: expected an integer from 1 to 1000",
                                "FILTER_TOPIC_REPLICATION_FACTOR='two' is invalid: expected an integer from -1 to 32",
                                "FILTER_TOPIC_RETENTION='a week' is invalid: expected an ISO-8601 duration such as "
                                        + "PT30S, or milliseconds",
                                "ANNOTATED_PARTITIONS='-4' is invalid: expected an integer from 0 to 100000")
                        .hasSize(6));
    }

    @Test
    void shouldRefuseAReplicationFactorOfZeroAndAZeroRetention() {
        assertThatThrownBy(() -> settings(Map.of(
                "FILTER_TOPIC_REPLICATION_FACTOR", "0",
                "FILTER_TOPIC_RETENTION", "PT0S")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "FILTER_TOPIC_REPLICATION_FACTOR=0 is invalid: expected -1 (the brokers' default) or 1..32",
                        "FILTER_TOPIC_RETENTION=0 is invalid: expected a positive ISO-8601 duration such as P7D"));
    }

    @Test
    void shouldRefuseATopicOfItsOwnThatAFilterCouldWriteTo() {
        assertThatThrownBy(() -> settings(Map.of(
                "DEAD_LETTER_TOPIC", "filter-dead-letters",
                "FILTERS_TOPIC", "filter-defs-v2",
                "ANNOTATED_TOPIC", "filter-annotated-alerts")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "ANNOTATED_TOPIC='filter-annotated-alerts' is invalid: it is the topic of filter "
                                + "annotated/alerts; expected a name outside the filters' topics filter-<owner>-<name>",
                        "FILTERS_TOPIC='filter-defs-v2' is invalid: it is the topic of filter defs/v2; expected a "
                                + "name outside the filters' topics filter-<owner>-<name>",
                        "DEAD_LETTER_TOPIC='filter-dead-letters' is invalid: it is the topic of filter dead/letters; "
                                + "expected a name outside the filters' topics filter-<owner>-<name>"));
    }

    @Test
    void thePipelineFileShouldGiveTheStageValidSettingsWithItsTopicsOutsideTheFiltersTopics() {
        PipelineSpec spec = PipelineSpec.load(ProjectFiles.pipelineFile(), Map.of(),
                StageKinds.partial(List.of(FilterStage.KIND)));

        FilterSettings s = new FilterStage().settings(StageEnvironment.of(spec, "filter-service",
                StageEnvironment.Secrets.RESOLVE, Map.of()));

        assertThat(List.of(s.annotated(), s.filters(), s.stage().deadLetters())).extracting(TopicUse::name)
                .containsExactly("annotated-alerts", "filters", "filters-dead-letters")
                .allMatch(spec.buffer("science").topics()::containsKey)
                .noneMatch(FilterTopics::isFilterNamespace);
    }
}
