package uk.ac.lsst.pipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchStage;
import uk.ac.lsst.pipeline.features.stage.FeaturesStage;
import uk.ac.lsst.pipeline.ingest.IngestStage;
import uk.ac.lsst.pipeline.stage.AlertHeaders;
import uk.ac.lsst.pipeline.stage.DeadLetterHeaders;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.system.BadInputCorpus.Case;
import uk.ac.lsst.pipeline.system.BadInputCorpus.Stage;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.testing.TestBuffer;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailStage;
import uk.ac.lsst.pipeline.watchlist.WatchlistStage;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * A seeded corpus of malformed input made from real alerts ({@link BadInputCorpus}), each bad record between two
 * good ones, through every stage against real brokers, with Rubin schemas from a real local HTTP registry that
 * serves one schema, is slow for another, drops the connection for a third and fails for a fourth. For every
 * stage: it is still running, every bad record is in its dead-letter topic with an expected reason and its source
 * position, every record it can process is in its output (and not in its dead letters), and every good record
 * is processed.
 */
class BadInputThroughEveryStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE_HEADER = "test.case";
    private static final long SEED = 20261126L;

    @TempDir
    Path work;

    private HttpServer registry;
    private ExecutorService registryThreads;

    @BeforeEach
    void startRegistry() throws IOException {
        SchemaDirectory schemas = new SchemaDirectory(SharedData.rubinSchemaDir());
        registryThreads = Executors.newCachedThreadPool();
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/schemas/ids/", exchange -> serveSchema(exchange, schemas));
        registry.setExecutor(registryThreads);
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
        registryThreads.shutdownNow();
    }

    @Test
    void shouldDeadLetterEveryBadRecordWithItsReasonAndProcessEveryOtherInEveryStage() throws Exception {
        Path samples = Path.of(System.getProperty("samples.dir", "../samples"));
        SchemaDirectory schemaDir = new SchemaDirectory(SharedData.rubinSchemaDir());
        List<byte[]> goods = new ArrayList<>();
        List<WatchlistSource> positions = new ArrayList<>();
        AlertDecoder decoder = new AlertDecoder(schemaDir, false, Integer.MAX_VALUE);
        List<Path> templates = new ArrayList<>();
        try (var z = Files.list(samples.resolve("alerts/ztf")); var r = Files.list(samples.resolve("alerts/rubin"))) {
            templates.addAll(z.sorted().limit(3).toList());
            templates.addAll(r.sorted().limit(2).toList());
        }
        templates.add(SharedData.file("rubin/alerts/wire-format/pittgoogle_lsst.v9_0.confluent.bin"));
        for (Path t : templates) {
            byte[] bytes = Files.readAllBytes(t);
            goods.add(bytes);
            var alert = decoder.decode(bytes);
            positions.add(new WatchlistSource("s" + positions.size(), alert.raDeg(), alert.decDeg(), 2.0));
        }
        Map<Integer, byte[]> wire = Map.of(
                BadInputCorpus.SERVED, goods.get(goods.size() - 1),
                BadInputCorpus.SLOW, SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v10_0.confluent.bin"),
                BadInputCorpus.DROPPED, SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v11_0.confluent.bin"),
                BadInputCorpus.FAILING, SharedData.bytes("rubin/alerts/wire-format/pittgoogle_lsst.v11_1.confluent.bin"));
        List<Case> corpus = BadInputCorpus.build(SEED, goods.get(0), wire, goods, schemaDir);

        try (TestBuffer ingest = TestBuffer.start(); TestBuffer science = TestBuffer.start()) {
            Map<String, String> large = Map.of("max.message.bytes", String.valueOf(8 * 1024 * 1024));
            ingest.createTopics(new TopicSpec("upstream", 1, (short) -1, large),
                    new TopicSpec("corpus", 1, (short) -1, large), new TopicSpec("ingested", 1, (short) -1, large),
                    new TopicSpec("ingested-compact", 1, (short) -1, large),
                    new TopicSpec("ingest-dead-letters", 1, (short) -1, large),
                    new TopicSpec("watchlists", 1, (short) -1, Map.of("cleanup.policy", "compact")));
            science.createTopics(Stream.of("crossmatch", "watchlist-hits", "thumbnails", "annotated-alerts",
                    "crossmatch-dead-letters", "watchlist-dead-letters", "thumbnail-dead-letters",
                    "features-dead-letters")
                    .map(t -> new TopicSpec(t, 1, (short) -1, large)).toArray(TopicSpec[]::new));
            produce(ingest, corpus);
            Map<Stage, StageRunner> runners = new EnumMap<>(Stage.class);
            try {
                runners.put(Stage.INGEST, StageMain.start(new IngestStage(), env(ingest, ingest, Stage.INGEST,
                        Map.of("UPSTREAM_TOPICS", "upstream", "ALERTS_TOPIC", "ingested",
                                "COMPACT_TOPIC", "ingested-compact"))));
                Map<String, String> catalogues = Map.of("CATALOGUES", "sdss", "CATALOGUE_SDSS_FILE",
                        samples.resolve("catalogues/sdss_dr14_star_galaxy_qso_2k.csv").toString(),
                        "CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
                runners.put(Stage.CROSSMATCH, StageMain.start(new CrossmatchStage(), env(ingest, science,
                        Stage.CROSSMATCH, catalogues)));
                Map<String, String> watchlist = env(ingest, science, Stage.WATCHLIST,
                        Map.of("INDEX_DEBOUNCE", "PT0.1S"));
                try (WatchlistClient client = WatchlistStage.client(new WatchlistStage().settings(watchlist))) {
                    client.upload(new WatchlistDefinition("samples", "sample positions", "", 2.0, positions));
                }
                runners.put(Stage.WATCHLIST, StageMain.start(new WatchlistStage(), watchlist));
                Map<String, String> features = new HashMap<>(catalogues);
                features.put("INDEX_DEBOUNCE", "PT0.1S");
                runners.put(Stage.FEATURES, StageMain.start(new FeaturesStage(), env(ingest, science, Stage.FEATURES,
                        features)));
                runners.put(Stage.THUMBNAILS, StageMain.start(new ThumbnailStage(), env(ingest, science,
                        Stage.THUMBNAILS, Map.of("THUMBNAIL_DIR", work.resolve("thumbnails").toString()))));

                try (Admin ingestAdmin = ingest.admin()) {
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                            .until(() -> runners.values().stream().anyMatch(StageRunner::failed)
                                    || (TopicTally.lag(ingestAdmin, "buffer-ingest", "upstream") == 0
                                    && TopicTally.lag(ingestAdmin, "crossmatch-service", "corpus") == 0
                                    && TopicTally.lag(ingestAdmin, "watchlist-service", "corpus") == 0
                                    && TopicTally.lag(ingestAdmin, "features-service", "corpus") == 0
                                    && TopicTally.lag(ingestAdmin, "thumbnail-service", "corpus") == 0));
                }
                runners.forEach((stage, runner) -> {
                    assertThat(runner.failed()).as("%s failed", stage).isFalse();
                    assertThat(runner.state()).as("%s state", stage).isEqualTo(KafkaStreams.State.RUNNING);
                });

                Map<String, Object> ingestClient = Map.of("bootstrap.servers", ingest.bootstrapServers());
                Map<String, Object> scienceClient = Map.of("bootstrap.servers", science.bootstrapServers());
                check(Stage.INGEST, corpus, read(ingestClient, "ingest-dead-letters"),
                        ids(read(ingestClient, "ingested"), r -> AlertHeaders.get(r.headers(), AlertHeaders.ALERT_ID)
                                .orElse(null)));
                check(Stage.CROSSMATCH, corpus, read(scienceClient, "crossmatch-dead-letters"),
                        ids(read(scienceClient, "crossmatch"), r -> field(r, "alertId")));
                check(Stage.WATCHLIST, corpus, read(scienceClient, "watchlist-dead-letters"),
                        ids(read(scienceClient, "watchlist-hits"), r -> field(r, "alertId")));
                check(Stage.FEATURES, corpus, read(scienceClient, "features-dead-letters"),
                        ids(read(scienceClient, "annotated-alerts"), r -> field(r, "alertId")));
                check(Stage.THUMBNAILS, corpus, read(scienceClient, "thumbnail-dead-letters"),
                        ids(read(scienceClient, "thumbnails"), r -> field(r, "alertId")));
            } finally {
                runners.values().forEach(StageRunner::close);
            }
        }
    }

    /** Every case is where it should be for the stage, and dead letters carry reason and source position. */
    private static void check(Stage stage, List<Case> corpus, List<ConsumerRecord<byte[], byte[]>> deadLetters,
                              Map<String, Integer> output) {
        Map<String, ConsumerRecord<byte[], byte[]>> deadByCase = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : deadLetters) {
            String id = header(d, CASE_HEADER).orElseThrow();
            assertThat(deadByCase.put(id, d)).as("%s: %s dead-lettered twice", stage, id).isNull();
        }
        for (Case c : corpus) {
            var reasons = c.dead().get(stage);
            ConsumerRecord<byte[], byte[]> dead = deadByCase.get(c.id());
            if (reasons != null) {
                assertThat(dead).as("%s: dead letter of %s", stage, c.id()).isNotNull();
                assertThat(header(dead, DeadLetterHeaders.REASON)).as("%s: reason for %s", stage, c.id())
                        .hasValueSatisfying(r -> assertThat(reasons).contains(r));
                assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).as("%s: source of %s", stage, c.id())
                        .isPresent();
                byte[] kept = c.value().length > BadInputCorpus.MAX_ALERT_BYTES
                        ? Arrays.copyOf(c.value(), BadInputCorpus.MAX_ALERT_BYTES) : c.value();
                assertThat(dead.value() == null ? new byte[0] : dead.value()).as("%s: bytes of %s", stage, c.id())
                        .isEqualTo(kept);
                if (kept != c.value()) {
                    assertThat(header(dead, DeadLetterHeaders.TRUNCATED_FROM)).as("%s: length of %s", stage, c.id())
                            .contains(String.valueOf(c.value().length));
                }
            } else {
                assertThat(dead).as("%s: %s should be processed, but was dead-lettered with %s", stage, c.id(),
                        dead == null ? null : header(dead, DeadLetterHeaders.DETAIL)).isNull();
                assertThat(output).as("%s: output of %s", stage, c.id()).containsKey(String.valueOf(c.alertId()));
            }
        }
    }

    private static void produce(TestBuffer buffer, List<Case> corpus) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, buffer.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : List.of("upstream", "corpus")) {
                for (Case c : corpus) {
                    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, null, c.value());
                    r.headers().add(CASE_HEADER, c.id().getBytes(StandardCharsets.UTF_8));
                    producer.send(r).get();
                }
            }
        }
    }

    private Map<String, String> env(TestBuffer input, TestBuffer output, Stage stage, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("INPUT_BOOTSTRAP_SERVERS", input.bootstrapServers());
        env.put("OUTPUT_BOOTSTRAP_SERVERS", output.bootstrapServers());
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", work.resolve("state-" + stage).toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "500");
        env.putIfAbsent("ALERTS_TOPIC", "corpus");
        env.put("SCHEMA_REGISTRY_URL", "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + registry.getAddress().getPort() + "/");
        env.put("SCHEMA_REGISTRY_TIMEOUT", "PT1S");
        return env;
    }

    private static void serveSchema(HttpExchange exchange, SchemaDirectory schemas) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        try (exchange) {
            switch (id) {
                case BadInputCorpus.SERVED -> {
                    byte[] body = JSON.writeValueAsBytes(Map.of("schema", schemas.schema(id).toString()));
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
                case BadInputCorpus.SLOW -> {
                    Thread.sleep(3000);
                    exchange.sendResponseHeaders(503, -1);
                }
                case BadInputCorpus.DROPPED -> {
                    // closed without an answer, as a registry that goes down mid-request
                }
                case BadInputCorpus.FAILING -> exchange.sendResponseHeaders(503, -1);
                default -> {
                    byte[] body = "{\"error_code\":40403,\"message\":\"Schema not found\"}".getBytes(
                            StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(404, body.length);
                    exchange.getResponseBody().write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AlertDecodeException e) {
            throw new IOException(e);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(Map<String, Object> client, String topic) {
        return uk.ac.lsst.pipeline.buffer.TopicReader.readAll(client, List.of(topic), Duration.ofSeconds(60));
    }

    private static Map<String, Integer> ids(List<ConsumerRecord<byte[], byte[]>> records,
                                            java.util.function.Function<ConsumerRecord<byte[], byte[]>, String> id) {
        Map<String, Integer> ids = new HashMap<>();
        records.forEach(r -> ids.merge(String.valueOf(id.apply(r)), 1, Integer::sum));
        return ids;
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? Optional.empty()
                : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static String field(ConsumerRecord<byte[], byte[]> record, String name) {
        try {
            return JSON.readTree(record.value()).path(name).asText(null);
        } catch (IOException e) {
            return "unreadable";
        }
    }
}
