package uk.ac.lsst.pipeline.filter.stage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.features.stage.AnnotatedAlert;
import uk.ac.lsst.pipeline.filter.AnnotatedSamples;
import uk.ac.lsst.pipeline.filter.AnnotatedSamples.Sample;
import uk.ac.lsst.pipeline.filter.HandClock;
import uk.ac.lsst.pipeline.filter.TestRecords;
import uk.ac.lsst.pipeline.filter.definition.FilterDefinition;
import uk.ac.lsst.pipeline.filter.definition.FilterKey;
import uk.ac.lsst.pipeline.filter.definition.FilterRecords;
import uk.ac.lsst.pipeline.filter.definition.OutputLevel;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.output.AlertOutput;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordException;
import uk.ac.lsst.pipeline.filter.record.AnnotatedRecordReader;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;

/**
 * The topology of filter-service, fed with the annotated records features-service makes of every sample alert. The
 * filters' topics are "created" by a creator that records the names (creation on a real buffer is in
 * {@link FilterIntegrationTest}).
 */
class FilterTopologyTest {
    private static final List<Sample> SAMPLES = AnnotatedSamples.all();

    private final HandClock clock = new HandClock("2026-12-04T12:00:00Z");
    private final List<String> created = new ArrayList<>();
    private final FilterCompiler compiler = FilterCompiler.create();
    private TopologyTestDriver driver;
    private StageMetrics stageMetrics;
    private TestInputTopic<String, byte[]> annotated;
    private TestInputTopic<byte[], byte[]> filters;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    /** Records the topics it is asked to create. */
    private final class RecordingCreator implements FilterTopicCreator {
        @Override
        public void ensure(String topic) {
            created.add(topic);
        }

        @Override
        public void close() {
        }
    }

    @BeforeEach
    void start() {
        FilterSettings settings = new FilterStage().settings(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "science:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9092"));
        stageMetrics = new StageMetrics(new SimpleMeterRegistry(), "filter-service");
        driver = new TopologyTestDriver(FilterTopology.build(settings, compiler, RecordingCreator::new,
                new FilterMetrics(stageMetrics), new StageContext(clock, stageMetrics)),
                StageRunner.streamsProperties(settings.stage()));
        annotated = driver.createInputTopic("annotated-alerts", new StringSerializer(), new ByteArraySerializer());
        filters = driver.createInputTopic("filters", new ByteArraySerializer(), new ByteArraySerializer());
        deadLetters = driver.createOutputTopic("filters-dead-letters", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldWriteEveryMatchToItsFiltersTopicAtItsOutputLevelAndNothingElse() throws IOException {
        FilterDefinition ids = register("alice", "ztf-g", "survey == 'ZTF' && band == 'g'", OutputLevel.IDS);
        FilterDefinition inContext = register("bob", "rubin-in-context", "survey == 'RUBIN' && size(matches) > 0",
                OutputLevel.RECORD);
        FilterDefinition full = register("carol", "watched-again",
                "watchlists.exists(w, w.listId == 'samples') && features.nDetections > 1", OutputLevel.FULL);

        pipeAll();

        List<Sample> ztfG = matching(a -> a.survey().equals("ZTF") && a.band().equals("g"));
        List<Sample> rubinInContext = matching(a -> a.survey().equals("RUBIN") && !a.matches().isEmpty());
        List<Sample> watchedAgain = matching(a -> !a.watchlists().isEmpty() && a.features().nDetections() > 1);
        assertThat(ztfG).hasSizeGreaterThan(20);
        assertThat(rubinInContext).hasSizeBetween(1, 5);
        assertThat(watchedAgain).hasSizeGreaterThan(3);
        assertThat(created).containsExactly("filter-alice-ztf-g", "filter-bob-rubin-in-context",
                "filter-carol-watched-again");

        List<TestRecord<String, byte[]>> idRecords = output(ids).readRecordsToList();
        assertThat(idRecords).extracting(TestRecord::key).containsExactlyElementsOf(keys(ztfG));
        for (int i = 0; i < ztfG.size(); i++) {
            AnnotatedAlert alert = ztfG.get(i).alert();
            JsonNode json = TestRecords.MAPPER.readTree(idRecords.get(i).value());
            assertThat(json.fieldNames()).toIterable().containsExactly("alertId", "alertIdString", "objectId",
                    "objectIdNumber", "survey", "mjd", "filter");
            assertThat(json.get("alertId").asLong()).isEqualTo(alert.alertId());
            assertThat(json.get("alertIdString").asText()).isEqualTo(Long.toString(alert.alertId()));
            assertThat(json.get("objectId").asText()).isEqualTo(alert.objectId());
            assertThat(json.get("objectIdNumber").isNull()).isTrue();
            assertThat(json.get("survey").asText()).isEqualTo("ZTF");
            assertThat(json.get("mjd").asDouble()).isEqualTo(alert.mjd());
            assertThat(json.get("filter").asText()).isEqualTo("alice/ztf-g");
        }

        List<TestRecord<String, byte[]>> records = output(inContext).readRecordsToList();
        assertThat(records).extracting(TestRecord::key).containsExactlyElementsOf(keys(rubinInContext));
        for (int i = 0; i < rubinInContext.size(); i++) {
            ObjectNode expected = (ObjectNode) TestRecords.MAPPER.readTree(rubinInContext.get(i).json());
            expected.remove(AnnotatedRecordSchema.HISTORY_FIELD);
            assertThat(TestRecords.MAPPER.readTree(records.get(i).value())).isEqualTo(expected);
        }

        assertThat(output(full).readValuesToList()).containsExactlyElementsOf(
                watchedAgain.stream().map(Sample::json).toList());

        assertThat(counter("pipeline.filter.evaluated", ids)).isEqualTo(SAMPLES.size());
        assertThat(counter("pipeline.filter.passed", ids)).isEqualTo(ztfG.size());
        assertThat(counter("pipeline.filter.written.bytes", ids))
                .isEqualTo(idRecords.stream().mapToInt(r -> r.value().length).sum());
        assertThat(counter("pipeline.filter.errors", ids)).isZero();
        assertThat(counter("pipeline.filter.quota.dropped", ids)).isZero();
        assertThat(stageMetrics.registry().find("pipeline.filter.evaluation").tag("filter", "bob/rubin-in-context")
                .timer().count()).isEqualTo(SAMPLES.size());
        assertThat(stageMetrics.alertsIn()).isEqualTo(SAMPLES.size());
        assertThat(stageMetrics.alertsOut()).isEqualTo(ztfG.size() + rubinInContext.size() + watchedAgain.size());
        assertThat(active()).isEqualTo(3);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepTheKeyTimestampAndHeadersOfTheAnnotatedRecord() {
        FilterDefinition all = register("alice", "all", "alertId != 0", OutputLevel.FULL);
        Sample sample = SAMPLES.get(0);
        Headers headers = new RecordHeaders().add(AlertHeaders.FORMAT, "json".getBytes(StandardCharsets.UTF_8));

        annotated.pipeInput(new TestRecord<>(sample.key(), sample.json(), headers, 1_764_000_000_123L));

        TestRecord<String, byte[]> out = output(all).readRecord();
        assertThat(out.key()).isEqualTo(sample.key());
        assertThat(out.timestamp()).isEqualTo(1_764_000_000_123L);
        assertThat(AlertHeaders.get(out.headers(), AlertHeaders.FORMAT)).contains("json");
    }

    @Test
    void shouldApplyAReplacedFilterToTheRecordsThatFollowIt() {
        FilterDefinition first = register("alice", "band", "band == 'g'", OutputLevel.IDS);
        pipeAll();
        FilterDefinition replaced = register("alice", "band", "band == 'i'", OutputLevel.RECORD);
        pipeAll();

        List<TestRecord<String, byte[]>> written = output(first).readRecordsToList();
        List<Sample> g = matching(a -> a.band().equals("g"));
        List<Sample> i = matching(a -> a.band().equals("i"));
        assertThat(written).extracting(r -> alertId(r.value())).containsExactlyElementsOf(
                concat(alertIds(g), alertIds(i)));
        assertThat(written.subList(0, g.size())).allMatch(r -> json(r.value()).has("filter"));
        assertThat(written.subList(g.size(), written.size())).allMatch(r -> json(r.value()).has("classification"));
        assertThat(replaced.topic()).isEqualTo(first.topic());
        assertThat(counter("pipeline.filter.evaluated", replaced)).isEqualTo(2 * SAMPLES.size());
        assertThat(active()).isEqualTo(1);
    }

    @Test
    void shouldStopWritingForADeletedFilterAndDropItsMeters() {
        FilterDefinition deleted = register("alice", "all", "alertId != 0", OutputLevel.IDS);
        FilterDefinition kept = register("bob", "ztf", "survey == 'ZTF'", OutputLevel.IDS);
        List<Sample> before = SAMPLES.subList(0, 10);
        before.forEach(this::pipe);

        filters.pipeInput(FilterRecords.key(deleted.key()), (byte[]) null);
        filters.pipeInput(FilterRecords.key(new FilterKey("nobody", "never-registered")), (byte[]) null);
        pipeAll();

        assertThat(output(deleted).readRecordsToList()).extracting(r -> alertId(r.value()))
                .containsExactlyElementsOf(alertIds(before));
        assertThat(output(kept).readRecordsToList()).extracting(r -> alertId(r.value()))
                .containsExactlyElementsOf(concat(alertIds(before.stream().filter(s -> s.alert().survey().equals("ZTF"))
                        .toList()), alertIds(matching(a -> a.survey().equals("ZTF")))));
        assertThat(stageMetrics.registry().find("pipeline.filter.evaluated").tag("filter", "alice/all").counter())
                .isNull();
        assertThat(counter("pipeline.filter.evaluated", kept)).isEqualTo(10 + SAMPLES.size());
        assertThat(active()).isEqualTo(1);
        assertThat(rejected()).isZero();
    }

    @Test
    void shouldIgnoreAndCountInvalidFilterRecordsWhileTheGoodFiltersKeepWorking() {
        FilterDefinition good = register("alice", "ztf", "survey == 'ZTF'", OutputLevel.IDS);
        FilterDefinition spoilt = register("bob", "rubin", "survey == 'RUBIN'", OutputLevel.IDS);
        FilterDefinition typo = FilterDefinition.of("mallory", "typo", "magnitude < 'bright'", OutputLevel.IDS);

        filters.pipeInput(bytes("mallory/garbage"), new byte[] {0, 1, 2, (byte) 0xff});
        filters.pipeInput(bytes("mallory/array"), bytes("[\"survey == 'ZTF'\"]"));
        filters.pipeInput(bytes("mallory/number"), bytes("{\"owner\":\"mallory\",\"name\":\"number\","
                + "\"expression\":42,\"outputLevel\":\"ids\"}"));
        filters.pipeInput(bytes("mallory/other-name"), FilterRecords.value(FilterDefinition.of("mallory", "name",
                "survey == 'ZTF'", OutputLevel.IDS)));
        filters.pipeInput((byte[]) null, FilterRecords.value(good));
        filters.pipeInput(bytes("no-slash"), FilterRecords.value(good));
        filters.pipeInput(FilterRecords.key(typo.key()), FilterRecords.value(typo));
        // a replacement that does not compile leaves the filter inactive, as a restart would (it reads the latest)
        filters.pipeInput(FilterRecords.key(spoilt.key()), FilterRecords.value(FilterDefinition.of("bob", "rubin",
                "survey = 'RUBIN'", OutputLevel.IDS)));
        pipeAll();

        assertThat(rejected()).isEqualTo(8);
        assertThat(active()).isEqualTo(1);
        assertThat(output(good).readRecordsToList()).extracting(r -> alertId(r.value()))
                .containsExactlyElementsOf(alertIds(matching(a -> a.survey().equals("ZTF"))));
        assertThat(output(spoilt).isEmpty()).isTrue();
        assertThat(output(typo).isEmpty()).isTrue();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldCountARunTimeErrorAgainstTheFailingFilterAndSkipTheAlertForItOnly() {
        // objectIdNumber is null for ZTF and for Rubin's solar-system objects: ordering null is a run-time error
        FilterDefinition numbered = register("alice", "numbered", "objectIdNumber > 0", OutputLevel.IDS);
        FilterDefinition everything = register("bob", "everything", "alertId != 0", OutputLevel.IDS);

        pipeAll();

        List<Sample> withNumber = matching(a -> a.objectIdNumber() != null);
        assertThat(withNumber).hasSizeBetween(1, SAMPLES.size() - 1);
        assertThat(output(numbered).readRecordsToList()).extracting(r -> alertId(r.value()))
                .containsExactlyElementsOf(alertIds(withNumber));
        assertThat(counter("pipeline.filter.errors", numbered)).isEqualTo(SAMPLES.size() - withNumber.size());
        assertThat(counter("pipeline.filter.evaluated", numbered)).isEqualTo(SAMPLES.size());
        assertThat(counter("pipeline.filter.passed", numbered)).isEqualTo(withNumber.size());
        assertThat(output(everything).readRecordsToList()).hasSize(SAMPLES.size());
        assertThat(counter("pipeline.filter.errors", everything)).isZero();
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldRouteUnreadableAnnotatedRecordsToTheDeadLetterTopicWithTheReason() {
        FilterDefinition everything = register("bob", "everything", "alertId != 0", OutputLevel.IDS);
        Sample sample = SAMPLES.get(0);
        byte[] garbage = bytes("not json {");
        byte[] noAlertId = AnnotatedSamples.edited(sample.json(), json -> json.remove("alertId"));
        byte[] wrongType = AnnotatedSamples.edited(sample.json(), json -> json.put("magnitude", "bright"));

        annotated.pipeInput("poison", garbage);
        annotated.pipeInput("array", bytes("[1, 2, 3]"));
        annotated.pipeInput(sample.key(), noAlertId);
        annotated.pipeInput(sample.key(), wrongType);
        annotated.pipeInput("empty", (byte[]) null);
        pipe(sample);

        assertThat(output(everything).readRecordsToList()).extracting(r -> alertId(r.value()))
                .containsExactly(sample.alert().alertId());
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsOnly("unreadable-record").hasSize(5);
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.DETAIL)).satisfiesExactly(
                d -> assertThat(d).startsWith("annotated record is not valid JSON"),
                d -> assertThat(d).isEqualTo("annotated record is not a JSON object"),
                d -> assertThat(d).isEqualTo("annotated record without alertId (required; expected int)"),
                d -> assertThat(d).isEqualTo("field magnitude: expected a number or null, found string \"bright\""),
                d -> assertThat(d).isEqualTo("annotated record has no value (null)"));
        assertThat(dead).extracting(TestRecord::value).containsExactly(garbage, bytes("[1, 2, 3]"), noAlertId,
                wrongType, null);
        assertThat(dead.get(0).key()).isEqualTo(bytes("poison"));
        assertThat(header(dead.get(3).headers(), DeadLetterHeaders.STAGE)).isEqualTo("filter-service");
        assertThat(header(dead.get(3).headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("annotated-alerts");
        assertThat(header(dead.get(3).headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("3");
        assertThat(stageMetrics.deadLetters("unreadable-record")).isEqualTo(5);
        assertThat(stageMetrics.alertsIn()).isEqualTo(6);
        assertThat(counter("pipeline.filter.evaluated", everything)).isEqualTo(1);
    }

    @Test
    void shouldDropAndCountMatchesOverTheDailyQuotaUntilTheNextUtcDay() {
        String expression = "survey == 'ZTF' && band == 'g'";
        List<Sample> matches = matching(a -> a.survey().equals("ZTF") && a.band().equals("g"));
        FilterKey tinyKey = new FilterKey("alice", "tiny");
        long quota = idsBytes(matches.get(0), tinyKey) + idsBytes(matches.get(1), tinyKey);
        FilterDefinition tiny = register(new FilterDefinition("alice", "tiny", expression, OutputLevel.IDS, quota));
        FilterDefinition unlimited = register("bob", "unlimited", expression, OutputLevel.IDS);

        pipeAll();
        clock.set("2026-12-05T00:00:01Z");
        pipe(matches.get(2));

        assertThat(output(tiny).readRecordsToList()).extracting(r -> alertId(r.value())).containsExactly(
                matches.get(0).alert().alertId(), matches.get(1).alert().alertId(), matches.get(2).alert().alertId());
        assertThat(counter("pipeline.filter.passed", tiny)).isEqualTo(matches.size() + 1);
        assertThat(counter("pipeline.filter.quota.dropped", tiny)).isEqualTo(matches.size() - 2);
        assertThat(counter("pipeline.filter.written.bytes", tiny))
                .isEqualTo(quota + idsBytes(matches.get(2), tinyKey));
        assertThat(output(unlimited).readRecordsToList()).hasSize(matches.size() + 1);
        assertThat(counter("pipeline.filter.quota.dropped", unlimited)).isZero();
    }

    private FilterDefinition register(String owner, String name, String expression, OutputLevel level) {
        return register(FilterDefinition.of(owner, name, expression, level));
    }

    private FilterDefinition register(FilterDefinition definition) {
        filters.pipeInput(FilterRecords.key(definition.key()), FilterRecords.value(definition));
        return definition;
    }

    private void pipe(Sample sample) {
        annotated.pipeInput(sample.key(), sample.json());
    }

    private void pipeAll() {
        SAMPLES.forEach(this::pipe);
    }

    private TestOutputTopic<String, byte[]> output(FilterDefinition filter) {
        return driver.createOutputTopic(filter.topic(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<Sample> matching(Predicate<AnnotatedAlert> predicate) {
        return SAMPLES.stream().filter(s -> predicate.test(s.alert())).toList();
    }

    private static List<String> keys(List<Sample> samples) {
        return samples.stream().map(Sample::key).toList();
    }

    private static List<Long> alertIds(List<Sample> samples) {
        return samples.stream().map(s -> s.alert().alertId()).toList();
    }

    private static List<Long> concat(List<Long> first, List<Long> second) {
        List<Long> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The size of the {@code ids} output of {@code sample} for filter {@code key}, as the domain makes it. */
    private static long idsBytes(Sample sample, FilterKey key) {
        try {
            return new AlertOutput(AnnotatedRecordReader.read(sample.json())).value(OutputLevel.IDS, key).length;
        } catch (AnnotatedRecordException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(byte[] value) {
        try {
            return TestRecords.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long alertId(byte[] value) {
        return json(value).get("alertId").asLong();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private double counter(String name, FilterDefinition filter) {
        Counter counter = stageMetrics.registry().find(name).tag("filter", filter.key().toString()).counter();
        assertThat(counter).as(name + " of " + filter.key()).isNotNull();
        return counter.count();
    }

    private double active() {
        return stageMetrics.registry().find("pipeline.filter.active").gauge().value();
    }

    private double rejected() {
        return stageMetrics.registry().find("pipeline.filter.records.rejected").counter().count();
    }

    private static String header(Headers headers, String name) {
        return AlertHeaders.get(headers, name).orElse(null);
    }
}
