package uk.ac.lsst.pipeline.watchlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.sky.Sphere;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;

class WatchlistTopologyTest {
    private static final long APPENDED_AT = 1_764_000_000_000L;
    private static final long PRODUCED_AT = APPENDED_AT + 42;

    private TopologyTestDriver driver;
    private StageMetrics stageMetrics;
    private WatchlistMetrics metrics;
    private TestInputTopic<String, byte[]> alerts;
    private TestInputTopic<String, byte[]> watchlists;
    private TestOutputTopic<String, WatchlistHit> hits;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private byte[] alertBytes;
    private Alert alert;

    @BeforeEach
    void start() {
        WatchlistSettings settings = new WatchlistStage().settings(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9092",
                "INDEX_DEBOUNCE", "0"));
        stageMetrics = new StageMetrics(new SimpleMeterRegistry(), "watchlist-service");
        metrics = new WatchlistMetrics(stageMetrics);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "watchlist-service");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(WatchlistTopology.build(settings, settings.alerts().decoder(false), metrics,
                new StageContext(Clock.fixed(Instant.ofEpochMilli(PRODUCED_AT), ZoneOffset.UTC), stageMetrics)), props);
        alerts = driver.createInputTopic("alerts", new StringSerializer(), new ByteArraySerializer());
        watchlists = driver.createInputTopic("watchlists", new StringSerializer(), new ByteArraySerializer());
        hits = driver.createOutputTopic("watchlist-hits", new StringDeserializer(),
                JsonSerde.of(WatchlistHit.class).deserializer());
        deadLetters = driver.createOutputTopic("watchlist-dead-letters", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        alertBytes = TestAlerts.bytes(TestAlerts.ztf().get(0));
        alert = TestAlerts.decode(alertBytes);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void pipe(List<ListRecords> records) {
        records.forEach(r -> watchlists.pipeInput(r.key(), r.value()));
    }

    private void pipeAlert(byte[] bytes) {
        alerts.pipeInput(TestAlerts.decode(bytes).objectId(), bytes, APPENDED_AT);
    }

    /** A source {@code arcsec} north of the alert. */
    private WatchlistSource near(String name, double arcsec, double radiusArcsec) {
        return new WatchlistSource(name, alert.raDeg(), alert.decDeg() + arcsec / 3600, radiusArcsec);
    }

    private WatchlistSource far(String name) {
        return new WatchlistSource(name, (alert.raDeg() + 180) % 360, -alert.decDeg(), 5);
    }

    @Test
    void shouldProduceAHitWithEveryFieldForAnAlertInsideAListedCone() {
        pipe(ListRecords.upload("bllacs", "BL Lacs", 1, List.of(far("elsewhere"), near("target", 1.5, 5))));

        pipeAlert(alertBytes);

        TestRecord<String, WatchlistHit> record = hits.readRecord();
        assertThat(hits.isEmpty()).isTrue();
        assertThat(record.key()).isEqualTo("bllacs");
        WatchlistHit hit = record.value();
        assertThat(hit.listId()).isEqualTo("bllacs");
        assertThat(hit.listName()).isEqualTo("BL Lacs");
        assertThat(hit.sourceName()).isEqualTo("target");
        assertThat(hit.sourceRaDeg()).isEqualTo(alert.raDeg());
        assertThat(hit.sourceDecDeg()).isEqualTo(alert.decDeg() + 1.5 / 3600);
        assertThat(hit.radiusArcsec()).isEqualTo(5);
        assertThat(hit.survey()).isEqualTo("ZTF");
        assertThat(hit.alertId()).isEqualTo(alert.alertId());
        assertThat(hit.objectId()).isEqualTo(alert.objectId()).startsWith("ZTF");
        assertThat(hit.raDeg()).isEqualTo(alert.raDeg());
        assertThat(hit.decDeg()).isEqualTo(alert.decDeg());
        assertThat(hit.separationArcsec()).isCloseTo(1.5, within(1e-6))
                .isCloseTo(3600 * Sphere.separationDeg(alert.raDeg(), alert.decDeg(), hit.sourceRaDeg(),
                        hit.sourceDecDeg()), within(1e-9));
        assertThat(hit.mjd()).isEqualTo(alert.mjd());
        assertThat(hit.band()).isEqualTo(alert.band()).isNotEmpty();
        assertThat(hit.magnitude()).isEqualTo(alert.magnitude());
        assertThat(hit.appendedAtMs()).isEqualTo(APPENDED_AT);
        assertThat(hit.producedAtMs()).isEqualTo(PRODUCED_AT);
        assertThat(record.headers().toArray()).isEmpty();

        assertThat(metrics.hits()).isEqualTo(1);
        assertThat(metrics.latency().count()).isEqualTo(1);
        assertThat(metrics.latency().max(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(42);
        assertThat(metrics.lists()).isEqualTo(1);
        assertThat(metrics.cones()).isEqualTo(2);
        assertThat(stageMetrics.alertsIn()).isEqualTo(1);
        assertThat(stageMetrics.alertsOut()).isEqualTo(1);
    }

    @Test
    void shouldMatchEveryListAndEverySourceThatContainsThePosition() {
        pipe(ListRecords.upload("a", "A", 1, List.of(near("a1", 0, 2), near("a2", 3, 4), near("a3", 3, 2))));
        pipe(ListRecords.upload("b", "B", 1, List.of(near("b1", 10, 20))));
        pipe(ListRecords.upload("c", "C", 1, List.of(far("c1"))));

        pipeAlert(alertBytes);

        assertThat(hits.readRecordsToList()).extracting(r -> r.key() + ":" + r.value().sourceName())
                .containsExactlyInAnyOrder("a:a1", "a:a2", "b:b1");
    }

    @Test
    void shouldRouteUndecodableAndPositionlessAlertsToDeadLettersAndKeepMatching() {
        pipe(ListRecords.upload("l", "L", 1, List.of(near("target", 0, 5))));
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(alertBytes, alertBytes.length / 2);
        byte[] nanPosition = TestAlerts.at(alertBytes, 1L, Double.NaN, alert.decDeg());

        alerts.pipeInput("poison", garbage, APPENDED_AT);
        alerts.pipeInput("cut", truncated, APPENDED_AT);
        alerts.pipeInput(alert.objectId(), nanPosition, APPENDED_AT);
        pipeAlert(alertBytes);

        assertThat(hits.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(r.value().alertId()).isEqualTo(alert.alertId()));
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("unknown-format", "corrupt", "no-position");
        TestRecord<byte[], byte[]> noPosition = dead.get(2);
        assertThat(noPosition.value()).isEqualTo(nanPosition);
        assertThat(header(noPosition.headers(), DeadLetterHeaders.DETAIL)).contains("ra=NaN");
        assertThat(header(noPosition.headers(), DeadLetterHeaders.STAGE)).isEqualTo("watchlist-service");
        assertThat(header(noPosition.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("alerts");
        assertThat(header(noPosition.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(dead.get(0).key()).isEqualTo("poison".getBytes(StandardCharsets.UTF_8));
        assertThat(stageMetrics.deadLetters("no-position")).isEqualTo(1);
        assertThat(stageMetrics.alertsIn()).isEqualTo(4);
    }

    @Test
    void shouldSwapAReplacedListWholeOnlyWhenItsMetadataArrives() {
        byte[] other = TestAlerts.at(alertBytes, 2L, (alert.raDeg() + 90) % 360, alert.decDeg() / 2);
        Alert otherAlert = TestAlerts.decode(other);
        WatchlistSource old = near("old", 0, 5);
        WatchlistSource replacement = new WatchlistSource("new", otherAlert.raDeg(), otherAlert.decDeg(), 5);
        pipe(ListRecords.upload("l", "L", 1, List.of(old)));

        pipe(ListRecords.sources("l", 2, List.of(replacement, far("new-far"))));
        pipeAlert(alertBytes);
        pipeAlert(other);
        assertThat(hits.readRecordsToList()).extracting(r -> r.value().sourceName()).containsExactly("old");

        pipe(List.of(ListRecords.metadata("l", "L v2", 2, 2), ListRecords.tombstone("l/1/old")));
        pipeAlert(alertBytes);
        pipeAlert(other);
        assertThat(hits.readRecordsToList()).extracting(r -> r.value().listName() + "/" + r.value().sourceName())
                .containsExactly("L v2/new");
        assertThat(metrics.cones()).isEqualTo(2);
    }

    @Test
    void shouldStopMatchingADeletedList() {
        pipe(ListRecords.upload("gone", "Gone", 1, List.of(near("s", 0, 5))));
        pipe(ListRecords.upload("kept", "Kept", 1, List.of(near("k", 0, 5))));
        pipeAlert(alertBytes);
        assertThat(hits.readRecordsToList()).hasSize(2);

        pipe(List.of(ListRecords.tombstone("gone"), ListRecords.tombstone("gone/1/s")));
        pipeAlert(alertBytes);

        assertThat(hits.readRecordsToList()).extracting(TestRecord::key).containsExactly("kept");
        assertThat(metrics.lists()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreAndCountUnreadableWatchlistRecords() {
        pipe(ListRecords.upload("l", "L", 1, List.of(near("s", 0, 5))));
        watchlists.pipeInput("l", "{broken".getBytes(StandardCharsets.UTF_8));
        watchlists.pipeInput("no spaces allowed", null);
        watchlists.pipeInput((String) null, "{}".getBytes(StandardCharsets.UTF_8));

        pipeAlert(alertBytes);

        assertThat(hits.readRecordsToList()).hasSize(1);
        assertThat(stageMetrics.registry().find("pipeline.watchlist.records.rejected").counter().count()).isEqualTo(3);
    }

    @Test
    void shouldWriteHitsAsCamelCaseJsonWithNullForMissingNumbers() throws Exception {
        WatchlistHit hit = new WatchlistHit("l", "L", "s", 1.5, -2.5, 3, "RUBIN", 169298432601096247L, "1692984",
                1.5, -2.5, 0.25, 60923.1, "i", Double.NaN, null, 1_764_000_000_042L);

        JsonNode json = JsonSerde.mapper().readTree(JsonSerde.of(WatchlistHit.class).serializer().serialize("t", hit));

        assertThat(json.get("magnitude").isNull()).isTrue();
        assertThat(json.get("appendedAtMs").isNull()).isTrue();
        assertThat(json.get("alertId").asLong()).isEqualTo(169298432601096247L);
        assertThat(json.get("separationArcsec").asDouble()).isEqualTo(0.25);
        assertThat(json.get("producedAtMs").asLong()).isEqualTo(1_764_000_000_042L);
        assertThat(json.fieldNames()).toIterable().containsExactly("listId", "listName", "sourceName", "sourceRaDeg",
                "sourceDecDeg", "radiusArcsec", "survey", "alertId", "objectId", "raDeg", "decDeg", "separationArcsec",
                "mjd", "band", "magnitude", "appendedAtMs", "producedAtMs");
    }

    private static String header(Headers headers, String name) {
        return AlertHeaders.get(headers, name).orElse(null);
    }
}
