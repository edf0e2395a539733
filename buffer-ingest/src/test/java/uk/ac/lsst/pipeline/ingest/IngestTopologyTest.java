package uk.ac.lsst.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.AlertFormat;
import uk.ac.lsst.pipeline.alert.CutoutKind;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageContext;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.testing.SharedData;

class IngestTopologyTest {
    private static final String UPSTREAM = "ztf_20181203_programid1";
    private static final String RUBIN_UPSTREAM = "lsst-alerts-v9";

    private TopologyTestDriver driver;
    private StageMetrics metrics;
    private AlertDecoder decoder;
    private TestInputTopic<byte[], byte[]> ztf;
    private TestInputTopic<byte[], byte[]> rubin;
    private TestOutputTopic<String, byte[]> alerts;
    private TestOutputTopic<String, byte[]> compact;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void start() {
        Map<String, String> env = new HashMap<>(Map.of(
                "INPUT_BOOTSTRAP_SERVERS", "upstream:9092",
                "OUTPUT_BOOTSTRAP_SERVERS", "ingest:9092",
                "UPSTREAM_TOPIC_PATTERN", "ztf_\\d{8}_programid1|lsst-alerts.*",
                "SCHEMA_DIR", SharedData.path("rubin/schema").toString()));
        IngestSettings settings = new IngestStage().settings(env);
        metrics = new StageMetrics(new SimpleMeterRegistry(), "buffer-ingest");
        decoder = settings.alerts().decoder(true);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "buffer-ingest");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(IngestTopology.build(settings, decoder, StageContext.of(metrics)), props);
        ztf = driver.createInputTopic(UPSTREAM, new ByteArraySerializer(), new ByteArraySerializer());
        rubin = driver.createInputTopic(RUBIN_UPSTREAM, new ByteArraySerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic("alerts", new StringDeserializer(), new ByteArrayDeserializer());
        compact = driver.createOutputTopic("alerts-compact", new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic("ingest-dead-letters", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void shouldKeyByObjectIdAndKeepTheValueBytesUntouched() throws Exception {
        List<Path> files = SharedData.files("ztf/alerts/fink-broker-2018-12-03-v3.2", ".avro").subList(0, 5);
        for (Path f : files) {
            ztf.pipeInput(null, SharedData.bytes(f), 1_543_800_000_000L);
        }

        List<TestRecord<String, byte[]>> out = alerts.readRecordsToList();
        assertThat(out).hasSize(files.size());
        for (int i = 0; i < files.size(); i++) {
            byte[] original = SharedData.bytes(files.get(i));
            Alert alert = decoder.decode(original);
            TestRecord<String, byte[]> r = out.get(i);
            assertThat(r.key()).isEqualTo(alert.objectId()).startsWith("ZTF");
            assertThat(r.value()).isEqualTo(original);
            Headers h = r.headers();
            assertThat(AlertHeaders.get(h, AlertHeaders.SURVEY)).contains("ZTF");
            assertThat(AlertHeaders.get(h, AlertHeaders.FORMAT)).contains("ocf");
            assertThat(AlertHeaders.get(h, AlertHeaders.ALERT_ID)).contains(String.valueOf(alert.alertId()));
            assertThat(AlertHeaders.get(h, AlertHeaders.UPSTREAM_TOPIC)).contains(UPSTREAM);
            assertThat(AlertHeaders.get(h, AlertHeaders.UPSTREAM_PARTITION)).contains("0");
            assertThat(AlertHeaders.get(h, AlertHeaders.UPSTREAM_OFFSET)).contains(String.valueOf(i));
            assertThat(AlertHeaders.get(h, AlertHeaders.UPSTREAM_TIMESTAMP)).contains("1543800000000");
        }
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(metrics.alertsIn()).isEqualTo(5);
        assertThat(metrics.alertsOut()).isEqualTo(5);
    }

    @Test
    void shouldWriteTheCompactFormOfEveryAlertWithTheSameKeyAndFormatCompact() throws Exception {
        List<Path> files = SharedData.files("ztf/alerts/fink-broker-2018-12-03-v3.2", ".avro").subList(0, 3);
        for (Path f : files) {
            ztf.pipeInput(null, SharedData.bytes(f));
        }
        byte[] wire = SharedData.bytes(SharedData.path("rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin"));
        rubin.pipeInput(null, wire);

        List<TestRecord<String, byte[]>> full = alerts.readRecordsToList();
        List<TestRecord<String, byte[]>> small = compact.readRecordsToList();
        assertThat(small).hasSize(4);
        for (int i = 0; i < small.size(); i++) {
            Alert original = decoder.decode(full.get(i).value());
            Alert shrunk = decoder.decode(small.get(i).value());
            assertThat(small.get(i).key()).isEqualTo(full.get(i).key());
            assertThat(small.get(i).value().length).isLessThan(full.get(i).value().length / 20);
            assertThat(shrunk.alertId()).isEqualTo(original.alertId());
            assertThat(shrunk.objectId()).isEqualTo(original.objectId());
            assertThat(shrunk.survey()).isEqualTo(original.survey());
            assertThat(shrunk.raDeg()).isEqualTo(original.raDeg());
            assertThat(shrunk.decDeg()).isEqualTo(original.decDeg());
            assertThat(shrunk.magnitude()).isEqualTo(Double.valueOf(original.magnitude()));
            assertThat(shrunk.format()).isEqualTo(AlertFormat.COMPACT);
            assertThat(shrunk.cutout(CutoutKind.SCIENCE)).isEmpty();
            assertThat(original.cutout(CutoutKind.SCIENCE)).isPresent();
            Headers h = small.get(i).headers();
            assertThat(AlertHeaders.get(h, AlertHeaders.FORMAT)).contains("compact");
            assertThat(AlertHeaders.get(h, AlertHeaders.SCHEMA_ID)).isEmpty();
            assertThat(AlertHeaders.get(h, AlertHeaders.ALERT_ID)).contains(String.valueOf(original.alertId()));
            assertThat(AlertHeaders.get(h, AlertHeaders.UPSTREAM_OFFSET))
                    .isEqualTo(AlertHeaders.get(full.get(i).headers(), AlertHeaders.UPSTREAM_OFFSET));
        }
        assertThat(AlertHeaders.get(full.get(3).headers(), AlertHeaders.SCHEMA_ID)).contains("900");
    }

    @Test
    void shouldLabelRubinWireFormatWithItsSchemaId() throws Exception {
        byte[] wire = SharedData.bytes(SharedData.path("rubin/alerts/wire-format/boom_7912941781254298.v9_0.confluent.bin"));
        rubin.pipeInput(null, wire);

        TestRecord<String, byte[]> r = alerts.readRecord();
        assertThat(r.key()).isEqualTo(decoder.decode(wire).objectId());
        assertThat(r.value()).isEqualTo(wire);
        assertThat(AlertHeaders.get(r.headers(), AlertHeaders.SURVEY)).contains("RUBIN");
        assertThat(AlertHeaders.get(r.headers(), AlertHeaders.FORMAT)).contains("confluent-wire");
        assertThat(AlertHeaders.get(r.headers(), AlertHeaders.SCHEMA_ID)).contains("900");
    }

    @Test
    void shouldRouteUndecodableAlertToDeadLetterAndKeepGoing() {
        byte[] good = SharedData.bytes(SharedData.files("ztf/alerts/misc", ".avro").get(0));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        byte[] garbage = "not an alert".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = {0, 0, 0, 0x7f, 0x7f, 1, 2, 3};

        ztf.pipeInput("k1".getBytes(StandardCharsets.UTF_8), truncated);
        ztf.pipeInput(null, garbage);
        ztf.pipeInput(null, good);
        rubin.pipeInput(null, unknownSchema);
        ztf.pipeInput(null, new byte[0]);

        assertThat(alerts.readRecordsToList()).hasSize(1);
        assertThat(compact.readRecordsToList()).hasSize(1);
        List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
        assertThat(dead).hasSize(4);
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.REASON))
                .containsExactly("corrupt", "unknown-format", "unknown-schema", "empty");
        TestRecord<byte[], byte[]> first = dead.get(0);
        assertThat(first.key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
        assertThat(first.value()).isEqualTo(truncated);
        assertThat(header(first.headers(), DeadLetterHeaders.STAGE)).isEqualTo("buffer-ingest");
        assertThat(header(first.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(UPSTREAM);
        assertThat(header(first.headers(), DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(first.headers(), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(first.headers(), DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(metrics.deadLetters("corrupt")).isEqualTo(1);
        assertThat(metrics.deadLetters("unknown-schema")).isEqualTo(1);
        assertThat(metrics.alertsIn()).isEqualTo(5);
        assertThat(metrics.alertsOut()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAnOversizedMessageCutToTheLimitWithItsOriginalLength() {
        byte[] good = SharedData.bytes(SharedData.files("ztf/alerts/misc", ".avro").get(0));
        byte[] oversized = java.util.Arrays.copyOf(good, 4 * 1024 * 1024 + 100);

        ztf.pipeInput(null, oversized);
        ztf.pipeInput(null, good);

        assertThat(alerts.readRecordsToList()).hasSize(1);
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("too-large");
        assertThat(header(dead.headers(), DeadLetterHeaders.TRUNCATED_FROM))
                .isEqualTo(String.valueOf(oversized.length));
        assertThat(dead.value()).isEqualTo(java.util.Arrays.copyOf(oversized, 4 * 1024 * 1024));
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private static String header(Headers headers, String name) {
        return AlertHeaders.get(headers, name).orElse(null);
    }
}
