package uk.ac.lsst.pipeline.crossmatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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
import uk.ac.lsst.pipeline.crossmatch.classify.ContextClass;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.testing.Samples;
import uk.ac.lsst.pipeline.crossmatch.testing.TestAlerts;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMetrics;

class CrossmatchTopologyTest {
    private TopologyTestDriver driver;
    private StageMetrics metrics;
    private CrossmatchMetrics meters;
    private TestInputTopic<String, byte[]> alerts;
    private TestOutputTopic<String, byte[]> results;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Map<String, String> env = new HashMap<>();
        env.put("INPUT_BOOTSTRAP_SERVERS", "ingest:9092");
        env.put("OUTPUT_BOOTSTRAP_SERVERS", "science:9092");
        env.put("CATALOGUES", "demo");
        env.put("CATALOGUE_DEMO_FILE", Samples.demoCatalogue().toString());
        env.put("CATALOGUE_DEMO_ID_COLUMN", "id");
        env.put("CATALOGUE_DEMO_TYPE_COLUMN", "class");
        env.put("CATALOGUE_DEMO_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_RADIUS_ARCSEC", "5");
        CrossmatchSettings settings = new CrossmatchStage().settings(env);
        metrics = new StageMetrics(new SimpleMeterRegistry(), "crossmatch-service");
        meters = new CrossmatchMetrics(metrics);
        AlertMatcher matcher = new AlertMatcher(new CrossMatcher(LiveCatalogues.load(settings.catalogues()),
                settings.catalogues().rules()), meters);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "crossmatch-service");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(CrossmatchTopology.build(settings, settings.alerts().decoder(false),
                matcher, StageContext.of(metrics)), props);
        alerts = driver.createInputTopic("alerts", new StringSerializer(), new ByteArraySerializer());
        results = driver.createOutputTopic("crossmatch", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("crossmatch-dead-letters", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldPublishMatchesAndClassificationKeyedByObjectId() throws Exception {
        alerts.pipeInput("ZTF18acsbuxe", TestAlerts.ztf("ZTF18acsbuxe"));

        TestRecord<String, byte[]> out = results.readRecord();
        assertThat(out.key()).isEqualTo("ZTF18acsbuxe");
        JsonNode json = JsonSerde.mapper().readTree(out.value());
        assertThat(json.get("survey").asText()).isEqualTo("ZTF");
        assertThat(json.get("objectId").asText()).isEqualTo("ZTF18acsbuxe");
        assertThat(json.get("alertId").asLong()).isEqualTo(697252845015015004L);
        assertThat(json.get("raDeg").asDouble()).isCloseTo(15.0322974, within(1e-6));
        assertThat(json.get("decDeg").asDouble()).isCloseTo(-7.3571927, within(1e-6));
        assertThat(json.get("mjd").asDouble()).isCloseTo(58451.25285, within(1e-4));
        assertThat(json.get("band").asText()).isEqualTo("g");
        assertThat(json.get("magnitude").asDouble()).isCloseTo(17.941, within(1e-3));
        assertThat(json.get("classification").asText()).isEqualTo("SN");
        JsonNode match = json.get("matches").get(0);
        assertThat(json.get("matches")).hasSize(1);
        assertThat(match.get("catalogue").asText()).isEqualTo("demo");
        assertThat(match.get("sourceId").asText()).isEqualTo("DEMO-04");
        assertThat(match.get("separationArcsec").asDouble()).isCloseTo(3.0, within(0.001));
        assertThat(match.get("type").asText()).isEqualTo("GALAXY");
        assertThat(match.get("columns").get("redshift").asDouble()).isEqualTo(0.031);
        assertThat(match.get("columns").get("r").asDouble()).isEqualTo(16.8);
        assertThat(metrics.alertsOut()).isEqualTo(1);
        assertThat(meters.classified(ContextClass.SN)).isEqualTo(1);
        assertThat(meters.matchesOf("demo")).isEqualTo(1);
        assertThat(meters.matchCount()).isEqualTo(1);
    }

    @Test
    void shouldWriteNullForMissingNumbersAndReadBackAsARecord() {
        byte[] alert = TestAlerts.ztf("ZTF18acsbuxi");
        alerts.pipeInput("ZTF18acsbuxi", alert);

        CrossmatchRecord record = JsonSerde.read(results.readRecord().value(), CrossmatchRecord.class);
        assertThat(record.classification()).isEqualTo("VS");
        assertThat(record.matches()).extracting(MatchRecord::sourceId).containsExactly("DEMO-01");
        assertThat(record.matches().get(0).columns()).containsEntry("redshift", 0.0);
    }

    @Test
    void shouldDeadLetterPoisonPillsAndAlertsWithoutPositionAndKeepGoing() {
        byte[] good = TestAlerts.ztf("ZTF18acsbuxh");
        byte[] noPosition = TestAlerts.ztfAt(good, Double.NaN, Double.NaN);
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);

        alerts.pipeInput("k-garbage", garbage);
        alerts.pipeInput("ZTF18acsbuxh", noPosition);
        alerts.pipeInput("ZTF18acsbuxh", truncated);
        alerts.pipeInput("ZTF18acsbuxh", good);

        List<TestRecord<String, byte[]>> ok = results.readRecordsToList();
        assertThat(ok).hasSize(1);
        assertThat(JsonSerde.read(ok.get(0).value(), CrossmatchRecord.class).classification()).isEqualTo("NT");
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("unknown-format", "no-position", "corrupt");
        assertThat(dead.get(0).key()).isEqualTo("k-garbage".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(dead.get(1).value()).isEqualTo(noPosition);
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.DETAIL)).contains("ra=NaN");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.STAGE)).isEqualTo("crossmatch-service");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("alerts");
        assertThat(header(dead.get(1).headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(metrics.alertsIn()).isEqualTo(4);
        assertThat(metrics.alertsOut()).isEqualTo(1);
        assertThat(metrics.deadLetters("no-position")).isEqualTo(1);
    }

    @Test
    void shouldClassifyEverySampleAlertAsTheDemoCatalogueIntends() {
        for (var p : TestAlerts.ztf()) {
            byte[] bytes = TestAlerts.bytes(p);
            alerts.pipeInput(TestAlerts.decode(bytes).objectId(), bytes);
        }
        Map<String, String> classes = new HashMap<>();
        results.readRecordsToList().forEach(r ->
                classes.put(r.key(), JsonSerde.read(r.value(), CrossmatchRecord.class).classification()));
        assertThat(classes).hasSize(TestAlerts.ztf().size())
                .containsEntry("ZTF18acsbuxi", "VS").containsEntry("ZTF17aabuxmy", "AGN")
                .containsEntry("ZTF18acsbuxh", "NT").containsEntry("ZTF18acsbuxe", "SN")
                .containsEntry("ZTF18acsbuxd", "UNCLEAR").containsEntry("ZTF18acsbutk", "ORPHAN");
        assertThat(classes.values().stream().filter("ORPHAN"::equals).count()).isEqualTo(classes.size() - 5);
    }

    @Test
    void shouldUseTheAlertFormatHeaderWhenIngestSetIt() {
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        AlertHeaders.put(headers, AlertHeaders.FORMAT, "ocf");
        alerts.pipeInput(new TestRecord<>("ZTF17aabuxmy", TestAlerts.ztf("ZTF17aabuxmy"), headers));
        assertThat(JsonSerde.read(results.readRecord().value(), CrossmatchRecord.class).classification())
                .isEqualTo("AGN");
    }

    private static String header(Headers headers, String name) {
        return AlertHeaders.get(headers, name).orElse(null);
    }
}
