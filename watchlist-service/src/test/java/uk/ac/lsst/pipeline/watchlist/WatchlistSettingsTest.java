package uk.ac.lsst.pipeline.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.config.TopicUse;
import uk.ac.lsst.pipeline.stage.StageRunner;

class WatchlistSettingsTest {

    @Test
    void shouldDefaultToTheLowLatencyClientSettingsAndTheDocumentedTopics() {
        WatchlistSettings s = new WatchlistStage().settings(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9092"));

        Properties p = StageRunner.streamsProperties(s.stage());
        assertThat(p).containsEntry("producer.linger.ms", "0")
                .containsEntry("consumer.fetch.max.wait.ms", "10")
                .containsEntry("consumer.max.poll.records", "100")
                .containsEntry("application.id", "watchlist-service")
                .containsEntry("bootstrap.servers", "ingest:9092");
        assertThat(p).containsEntry("num.stream.threads", 2);
        assertThat(s.reads()).extracting(TopicUse::name).containsExactly("alerts", "watchlists");
        assertThat(s.alerts().startFrom().spec()).isEqualTo("earliest");
        assertThat(s.writes()).extracting(TopicUse::name).containsExactly("watchlist-hits", "watchlist-dead-letters");
        assertThat(s.indexDebounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(s.indexMaxDelay()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldLetKafkaVariablesOverrideTheLatencyDefaults() {
        WatchlistSettings s = new WatchlistStage().settings(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9092",
                "KAFKA_PRODUCER_LINGER_MS", "5",
                "KAFKA_COMMIT_INTERVAL_MS", "1000",
                "HITS_TOPIC", "triggers",
                "STREAM_THREADS", "1",
                "START_FROM", "latest",
                "INDEX_DEBOUNCE", "PT1S"));

        assertThat(StageRunner.streamsProperties(s.stage())).containsEntry("producer.linger.ms", "5")
                .containsEntry("commit.interval.ms", "1000")
                .containsEntry("consumer.fetch.max.wait.ms", "10");
        assertThat(s.hits().name()).isEqualTo("triggers");
        assertThat(s.stage().threads()).isEqualTo(1);
        assertThat(s.alerts().startFrom().spec()).isEqualTo("latest");
        assertThat(s.indexDebounce()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void shouldListEveryMissingOrInvalidVariableAtOnce() {
        assertThatThrownBy(() -> new WatchlistStage().settings(Map.of(
                "START_FROM", "yesterday",
                "HITS_PARTITIONS", "-1",
                "INDEX_DEBOUNCE", "soon")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems())
                        .anyMatch(p -> p.startsWith("INPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("OUTPUT_BOOTSTRAP_SERVERS is missing"))
                        .anyMatch(p -> p.startsWith("START_FROM='yesterday' is invalid"))
                        .anyMatch(p -> p.startsWith("HITS_PARTITIONS='-1' is invalid"))
                        .anyMatch(p -> p.startsWith("INDEX_DEBOUNCE='soon' is invalid"))
                        .hasSize(5));
    }
}
