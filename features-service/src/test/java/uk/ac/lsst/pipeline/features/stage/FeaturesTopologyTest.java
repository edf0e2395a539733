package uk.ac.lsst.pipeline.features.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.Survey;
import uk.ac.lsst.pipeline.alert.photometry.AlertPhotometry;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.features.FeatureUpdate;
import uk.ac.lsst.pipeline.features.ObjectFeatures;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.metrics.WatchlistMetrics;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistKey;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistRecords;

/**
 * features-service's topology with Kafka's {@link TopologyTestDriver}: real alerts in their compact form (as
 * buffer-ingest writes them), the demo catalogue, watch lists in the records of the watch-lists topic.
 */
class FeaturesTopologyTest {
    private static final long APPENDED_AT = 1_764_000_000_000L;
    private static final long PRODUCED_AT = APPENDED_AT + 42;
    /** ZTF19abvhduf: 21 detections in g and r over 30 days, replayed as 21 alerts with 3 days of history each. */
    private static final String LONG_HISTORY = "ztf/alerts/misc/fink-alert-schemas_template_schema_ZTF_3p3.avro";
    /** ZTF18abudxnw: 8 detections, 7 of them negative, forced photometry and upper limits beside them. */
    private static final String NEGATIVE_HISTORY = "ztf/alerts/misc/boom_2695378462115010012.v4_02.avro";
    private static final double HISTORY_DAYS = 3;

    private static FeaturesSettings settings;
    private static Annotator annotator;

    @TempDir
    Path stateDir;

    private int drivers;
    private TopologyTestDriver driver;
    private StageMetrics metrics;
    private TestInputTopic<String, byte[]> alerts;
    private TestInputTopic<String, byte[]> watchlists;
    private TestOutputTopic<String, byte[]> annotated;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeAll
    static void loadCatalogues() {
        Map<String, String> env = StageEnv.of("ingest:9092", "science:9092");
        env.put("ALERTS_TOPIC", "alerts-compact");
        env.put("SCHEMA_DIR", SharedData.rubinSchemaDir().toString());
        env.put("INDEX_DEBOUNCE", "0");
        settings = new FeaturesStage().settings(env);
        annotator = new Annotator(new FeatureCalculator(),
                new CrossMatcher(LiveCatalogues.load(settings.catalogues()), settings.catalogues().rules()));
    }

    @BeforeEach
    void start() {
        metrics = new StageMetrics(new SimpleMeterRegistry(), "features-service");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "features-service");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // a state directory of its own for each driver: one test compares two drivers
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("driver-" + drivers++).toString());
        driver = new TopologyTestDriver(FeaturesTopology.build(settings, settings.alerts().decoder(false), annotator,
                new WatchlistMetrics(metrics),
                new StageContext(Clock.fixed(Instant.ofEpochMilli(PRODUCED_AT), ZoneOffset.UTC), metrics)), props);
        alerts = driver.createInputTopic("alerts-compact", new StringSerializer(), new ByteArraySerializer());
        watchlists = driver.createInputTopic("watchlists", new StringSerializer(), new ByteArraySerializer());
        annotated = driver.createOutputTopic("annotated-alerts", new StringDeserializer(),
                new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("features-dead-letters", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldAnnotateEveryRealZtfAndRubinAlertOnceKeyedByObjectId() {
        List<byte[]> compact = StageAlerts.samples().stream().map(StageAlerts::compact).toList();
        List<Alert> sent = compact.stream().map(StageAlerts::decode).toList();
        assertThat(sent).extracting(Alert::survey).contains(Survey.ZTF, Survey.RUBIN);

        compact.forEach(this::pipe);

        List<TestRecord<String, byte[]>> out = annotated.readRecordsToList();
        assertThat(out).extracting(TestRecord::key).containsExactlyElementsOf(sent.stream().map(Alert::objectId)
                .toList());
        assertThat(out).extracting(r -> AnnotatedJson.alertId(r.value()))
                .containsExactlyElementsOf(sent.stream().map(Alert::alertId).toList());
        assertThat(out).extracting(r -> AnnotatedJson.features(r.value()))
                .containsExactlyElementsOf(ObjectSequences.expectedFeatures(sent));
        assertThat(out).allSatisfy(r -> assertThat(AlertHeaders.get(r.headers(), AlertHeaders.ALERT_ID))
                .contains(Long.toString(AnnotatedJson.alertId(r.value()))));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.alertsIn()).isEqualTo(sent.size());
        assertThat(metrics.alertsOut()).isEqualTo(sent.size());
    }

    @Test
    void shouldWriteTheAlertItsPhotometryAndItsContextInTheRecord() {
        byte[] ztf = StageAlerts.compact(StageAlerts.upstream(
                "ztf/alerts/fink-broker-2018-12-03-v3.2/697252845015015004.avro"));
        byte[] rubin = StageAlerts.compact(StageAlerts.upstream(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432601096247_169298432601096247.avro"));
        pipe(ztf);
        pipe(rubin);

        JsonNode z = AnnotatedJson.tree(annotated.readValue());
        Alert alert = StageAlerts.decode(ztf);
        assertThat(z.get("survey").asText()).isEqualTo("ZTF");
        assertThat(z.get("alertId").asLong()).isEqualTo(697252845015015004L);
        assertThat(z.get("alertIdString").asText()).isEqualTo("697252845015015004");
        assertThat(z.get("objectId").asText()).isEqualTo("ZTF18acsbuxe");
        assertThat(z.get("objectIdNumber").isNull()).isTrue();
        assertThat(z.get("raDeg").asDouble()).isEqualTo(alert.raDeg()).isCloseTo(15.0322974, within(1e-7));
        assertThat(z.get("decDeg").asDouble()).isEqualTo(alert.decDeg());
        assertThat(z.get("mjd").asDouble()).isEqualTo(alert.mjd());
        assertThat(z.get("band").asText()).isEqualTo("g");
        assertThat(z.get("magnitude").asDouble()).isEqualTo(alert.magnitude());
        assertThat(z.get("fluxNJy").isNull()).isTrue();
        assertThat(z.get("positive").asBoolean()).isTrue();
        assertThat(z.get("appendedAtMs").asLong()).isEqualTo(APPENDED_AT);
        assertThat(z.get("producedAtMs").asLong()).isEqualTo(PRODUCED_AT);
        AlertPhotometry photometry = AlertPhotometry.of(alert);
        assertThat(z.get("reliability").asDouble()).isEqualTo(photometry.reliability());
        assertThat(z.get("history")).hasSize(photometry.history().size());
        JsonNode first = z.get("history").get(0);
        assertThat(first.get("mjd").asDouble()).isEqualTo(photometry.history().get(0).mjd());
        assertThat(first.get("kind").asText()).isIn("detection", "forced", "upper-limit");
        assertThat(z.get("classification").asText()).isEqualTo("SN");
        JsonNode match = z.get("matches").get(0);
        assertThat(z.get("matches")).hasSize(1);
        assertThat(match.get("catalogue").asText()).isEqualTo("demo");
        assertThat(match.get("sourceId").asText()).isEqualTo("DEMO-04");
        assertThat(match.get("separationArcsec").asDouble()).isCloseTo(3.0, within(0.001));
        assertThat(match.get("columns").get("redshift").asDouble()).isEqualTo(0.031);
        assertThat(z.get("watchlists")).isEmpty();
        assertThat(z.get("features").get("nDetections").asInt()).isEqualTo(1);

        JsonNode r = AnnotatedJson.tree(annotated.readValue());
        assertThat(r.get("survey").asText()).isEqualTo("RUBIN");
        assertThat(r.get("objectId").asText()).isEqualTo("169298432601096247");
        assertThat(r.get("objectIdNumber").asLong()).isEqualTo(169298432601096247L);
        assertThat(r.get("band").asText()).isEqualTo("i");
        assertThat(r.get("fluxNJy").asDouble()).isEqualTo(StageAlerts.decode(rubin).fluxNJy());
        assertThat(r.get("classification").asText()).isEqualTo("SN");
        assertThat(r.get("matches").get(0).get("sourceId").asText()).isEqualTo("DEMO-06");
    }

    @Test
    void shouldClassifyTheAlertsNextToTheSampleCatalogueAndNoOthers() {
        StageAlerts.samples().stream().map(StageAlerts::compact).forEach(this::pipe);

        Map<String, String> classes = new java.util.HashMap<>();
        annotated.readRecordsToList().forEach(r ->
                classes.put(r.key(), AnnotatedJson.tree(r.value()).get("classification").asText()));
        assertThat(classes).containsEntry("ZTF18acsbuxi", "VS").containsEntry("ZTF17aabuxmy", "AGN")
                .containsEntry("ZTF18acsbuxh", "NT").containsEntry("ZTF18acsbuxe", "SN")
                .containsEntry("ZTF18acsbuxd", "UNCLEAR").containsEntry("169298432601096247", "SN")
                .containsEntry("169298432603193359", "VS").containsEntry("169298432618921989", "AGN");
        assertThat(classes.values().stream().filter("ORPHAN"::equals).count()).isEqualTo(classes.size() - 8);
    }

    @Test
    void shouldPublishTheFeaturesTheCalculatorGivesForInterleavedSequencesOfTwoObjects() {
        List<byte[]> one = compactSequence(LONG_HISTORY);
        List<byte[]> two = compactSequence(NEGATIVE_HISTORY);
        List<byte[]> stream = interleave(one, two);
        List<Alert> sent = stream.stream().map(StageAlerts::decode).toList();

        stream.forEach(this::pipe);

        List<TestRecord<String, byte[]>> out = annotated.readRecordsToList();
        List<ObjectFeatures> expected = ObjectSequences.expectedFeatures(sent);
        assertThat(out).extracting(r -> AnnotatedJson.features(r.value())).containsExactlyElementsOf(expected);
        assertThat(out).extracting(TestRecord::key).containsExactlyElementsOf(sent.stream().map(Alert::objectId)
                .toList());
        // the last alert of ZTF19abvhduf is the real one: its features are those of its 30-day packet in one go,
        // although it carried only 3 days of history (colour 0.6301 as FeatureCalculatorSampleTest computes)
        Alert real = StageAlerts.decode(StageAlerts.upstream(LONG_HISTORY));
        ObjectFeatures last = featuresOfLast(out, real.objectId());
        FeatureCalculator calculator = new FeatureCalculator();
        assertThat(last).isEqualTo(calculator.update(null, real).features());
        assertThat(last.nDetections()).isEqualTo(21);
        assertThat(last.colourGR()).isCloseTo(0.6301, within(1e-5));
        assertThat(calculator.update(null, StageAlerts.decode(one.get(one.size() - 1))).features().nDetections())
                .as("detections the last alert carries itself").isLessThan(21);
        assertThat(storedState(real.objectId())).isEqualTo(finalState(sent, real.objectId()));
        assertThat(featuresOfLast(out, "ZTF18abudxnw").nDetections()).isEqualTo(8);
        assertThat(featuresOfLast(out, "ZTF18abudxnw").nPositive()).isEqualTo(1);
    }

    @Test
    void shouldAddWatchlistMembershipOnceAListCoveringTheAlertIsUploadedAndDropItWhenTheListIsDeleted() {
        List<byte[]> sequence = compactSequence(LONG_HISTORY);
        Alert target = StageAlerts.decode(sequence.get(1));
        WatchlistSource near = new WatchlistSource("target", target.raDeg(), target.decDeg() + 1.5 / 3600, 5);
        WatchlistSource far = new WatchlistSource("elsewhere", (target.raDeg() + 180) % 360, -target.decDeg(), 5);

        pipe(sequence.get(0));
        upload("targets", "Targets", List.of(far, near));
        pipe(sequence.get(1));
        watchlists.pipeInput("targets", null);
        pipe(sequence.get(2));

        List<JsonNode> out = annotated.readValuesToList().stream().map(AnnotatedJson::tree).toList();
        assertThat(out.get(0).get("watchlists")).isEmpty();
        assertThat(out.get(1).get("watchlists")).hasSize(1);
        JsonNode hit = out.get(1).get("watchlists").get(0);
        assertThat(hit.get("listId").asText()).isEqualTo("targets");
        assertThat(hit.get("listName").asText()).isEqualTo("Targets");
        assertThat(hit.get("sourceName").asText()).isEqualTo("target");
        assertThat(hit.get("separationArcsec").asDouble()).isCloseTo(1.5, within(1e-6));
        assertThat(out.get(2).get("watchlists")).isEmpty();
        assertThat(out).extracting(r -> r.get("features").get("nDetections").asInt()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldDeadLetterUndecodableWrongSchemaAndPositionlessAlertsWithTheReasonAndKeepGoing() {
        List<byte[]> sequence = compactSequence(LONG_HISTORY);
        byte[] upstream = StageAlerts.upstream(LONG_HISTORY);
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = Arrays.copyOf(sequence.get(1), sequence.get(1).length / 2);
        byte[] unknownSchema = sequence.get(1).clone();
        unknownSchema[2] ^= 0x5A;
        byte[] nanPosition = StageAlerts.compact(StageAlerts.ztfAt(upstream, Double.NaN, Double.NaN));
        byte[] infiniteDec = StageAlerts.ztfAt(upstream, 97.1, Double.POSITIVE_INFINITY);

        pipe(sequence.get(0));
        alerts.pipeInput("poison", garbage, APPENDED_AT);
        pipeAs("ZTF19abvhduf", truncated);
        pipeAs("ZTF19abvhduf", unknownSchema);
        pipeAs("ZTF19abvhduf", nanPosition);
        alerts.pipeInput("ZTF19abvhduf", infiniteDec, APPENDED_AT);
        pipe(sequence.get(1));

        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("unknown-format", "corrupt", "unknown-schema", "no-position", "no-position");
        assertThat(dead).extracting(TestRecord::value)
                .containsExactly(garbage, truncated, unknownSchema, nanPosition, infiniteDec);
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(dead).allSatisfy(r -> {
            assertThat(header(r.headers(), DeadLetterHeaders.STAGE)).isEqualTo("features-service");
            assertThat(header(r.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("alerts-compact");
        });
        assertThat(dead.get(0).key()).isEqualTo("poison".getBytes(StandardCharsets.UTF_8));
        assertThat(header(dead.get(3).headers(), DeadLetterHeaders.DETAIL)).contains("ra=NaN", "dec=NaN");
        assertThat(header(dead.get(4).headers(), DeadLetterHeaders.DETAIL)).contains("dec=Infinity");

        List<TestRecord<String, byte[]>> out = annotated.readRecordsToList();
        assertThat(out).extracting(r -> AnnotatedJson.features(r.value()))
                .containsExactlyElementsOf(ObjectSequences.expectedFeatures(
                        sequence.subList(0, 2).stream().map(StageAlerts::decode).toList()));
        assertThat(metrics.alertsIn()).isEqualTo(7);
        assertThat(metrics.alertsOut()).isEqualTo(2);
        assertThat(metrics.deadLetters("no-position")).isEqualTo(2);
        assertThat(metrics.deadLetters("unknown-schema")).isEqualTo(1);
    }

    @Test
    void shouldNotChangeTheObjectsCountsWhenAnAlertIsReplayed() {
        List<byte[]> sequence = compactSequence(LONG_HISTORY).subList(0, 4);
        List<Alert> once = sequence.stream().map(StageAlerts::decode).toList();

        pipe(sequence.get(0));
        pipe(sequence.get(1));
        pipe(sequence.get(1));
        pipe(sequence.get(2));
        pipe(sequence.get(1));
        pipe(sequence.get(3));

        List<ObjectFeatures> out = annotated.readValuesToList().stream().map(AnnotatedJson::features).toList();
        List<ObjectFeatures> expected = ObjectSequences.expectedFeatures(once);
        assertThat(out.get(2)).as("delivered twice in a row").isEqualTo(out.get(1));
        assertThat(counts(out.get(4))).as("replayed after a later alert").isEqualTo(counts(out.get(3)));
        assertThat(List.of(out.get(0), out.get(1), out.get(3), out.get(5))).containsExactlyElementsOf(expected);
        assertThat(storedState(once.get(0).objectId())).isEqualTo(finalState(once, once.get(0).objectId()));
    }

    @Test
    void shouldKeepNoStateForAlertsWithoutAnObjectId() {
        // two unrelated sources of two visits, neither associated with an object (object id "")
        byte[] first = StageAlerts.compact(StageAlerts.rubinWithoutObject(StageAlerts.upstream(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432601096247_169298432601096247.avro")));
        byte[] second = StageAlerts.compact(StageAlerts.rubinWithoutObject(StageAlerts.upstream(
                "rubin/alerts/fink-lsstcam-2025-09-05-v9.0/169298432733216891_169298432733216891.avro")));
        assertThat(StageAlerts.decode(first).objectId()).isEmpty();

        pipe(first);
        pipe(second);

        List<TestRecord<String, byte[]>> out = annotated.readRecordsToList();
        FeatureCalculator calculator = new FeatureCalculator();
        assertThat(out).extracting(r -> AnnotatedJson.features(r.value())).containsExactly(
                calculator.update(null, StageAlerts.decode(first)).features(),
                calculator.update(null, StageAlerts.decode(second)).features());
        assertThat(out).extracting(TestRecord::key).containsExactly("", "");
        assertThat(storedState("")).isNull();
    }

    @Test
    void shouldAnnotateAnUpstreamAlertAsItsCompactForm() {
        byte[] upstream = StageAlerts.upstream(LONG_HISTORY);
        byte[] wire = StageAlerts.upstream("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin");

        alerts.pipeInput(StageAlerts.decode(upstream).objectId(), upstream, APPENDED_AT);
        alerts.pipeInput(StageAlerts.decode(wire).objectId(), wire, APPENDED_AT);
        List<JsonNode> fromUpstream = annotated.readValuesToList().stream().map(AnnotatedJson::tree).toList();
        stop();
        start();
        pipe(StageAlerts.compact(upstream));
        pipe(StageAlerts.compact(wire));

        assertThat(annotated.readValuesToList().stream().map(AnnotatedJson::tree).toList())
                .containsExactlyElementsOf(fromUpstream);
        assertThat(fromUpstream.get(1).get("features").get("nDetections").asInt()).isEqualTo(3);
    }

    /** Pipes a compact alert keyed by its object id with the headers buffer-ingest adds. */
    private void pipe(byte[] compact) {
        Alert alert = StageAlerts.decode(compact);
        alerts.pipeInput(new TestRecord<>(alert.objectId(), compact, StageAlerts.headers(alert), APPENDED_AT));
    }

    /** Pipes bytes labelled as a compact alert, which they need not be. */
    private void pipeAs(String objectId, byte[] value) {
        Headers headers = new RecordHeaders();
        AlertHeaders.put(headers, AlertHeaders.FORMAT, "compact");
        alerts.pipeInput(new TestRecord<>(objectId, value, headers, APPENDED_AT));
    }

    /** Writes a whole list as the watch-list client uploads it: its sources, then its metadata record. */
    private void upload(String id, String name, List<WatchlistSource> sources) {
        for (WatchlistSource s : sources) {
            watchlists.pipeInput(new WatchlistKey.Source(id, 1, s.name()).toString(), WatchlistRecords.value(s));
        }
        watchlists.pipeInput(id, WatchlistRecords.value(new WatchlistInfo(id, name, "tests", 5, 1, sources.size(),
                APPENDED_AT)));
    }

    private static List<byte[]> compactSequence(String file) {
        return ObjectSequences.fromHistory(StageAlerts.upstream(file), HISTORY_DAYS).stream()
                .map(StageAlerts::compact).toList();
    }

    private static List<byte[]> interleave(List<byte[]> a, List<byte[]> b) {
        List<byte[]> all = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                all.add(a.get(i));
            }
            if (i < b.size()) {
                all.add(b.get(i));
            }
        }
        return all;
    }

    private static ObjectFeatures featuresOfLast(List<TestRecord<String, byte[]>> records, String objectId) {
        return records.stream().filter(r -> r.key().equals(objectId)).reduce((x, y) -> y)
                .map(r -> AnnotatedJson.features(r.value())).orElseThrow();
    }

    private FeatureState storedState(String objectId) {
        KeyValueStore<String, FeatureState> store = driver.getKeyValueStore(FeaturesSettings.STATE_STORE);
        return store.get(objectId);
    }

    /** The state FeatureCalculator leaves for an object after the alerts of a stream, one after the other. */
    private static FeatureState finalState(List<Alert> stream, String objectId) {
        FeatureCalculator calculator = new FeatureCalculator();
        FeatureState state = null;
        for (Alert alert : stream) {
            if (alert.objectId().equals(objectId)) {
                FeatureUpdate update = calculator.update(state, alert);
                state = update.state();
            }
        }
        return state;
    }

    /** Every count of the features: the object's and each band's. */
    private static List<Integer> counts(ObjectFeatures f) {
        List<Integer> counts = new ArrayList<>(List.of(f.nDetections(), f.nPositive()));
        f.bands().forEach(b -> counts.addAll(List.of(b.nDetections(), b.nPositive())));
        return counts;
    }

    private static String header(Headers headers, String name) {
        return AlertHeaders.get(headers, name).orElse(null);
    }
}
