package uk.ac.lsst.pipeline.alert;

import uk.ac.lsst.pipeline.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs against a real HTTP server serving {@code /schemas/ids/{id}} from the Rubin schema directory. */
class SchemaRegistryClientTest {
    private static final SchemaDirectory SCHEMAS = new SchemaDirectory(SharedData.rubinSchemaDir());
    private static final int FAILING_ID = 5000;
    private static final int HANGING_ID = 7777;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, AtomicInteger> requestsById = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> requiredAuthorization = new AtomicReference<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-09-05T06:00:00Z"));
    private ExecutorService executor;
    private HttpServer server;
    private URI baseUrl;

    @BeforeEach
    void startRegistry() throws IOException {
        executor = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/registry/schemas/ids/", this::serve);
        server.setExecutor(executor);
        server.start();
        baseUrl = URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + "/registry/");
    }

    @AfterEach
    void stopRegistry() throws InterruptedException {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldDecodeWireAlertsWithSchemasFromTheRegistryAskingOncePerId() throws Exception {
        AlertDecoder viaRegistry = new AlertDecoder(new SchemaRegistryClient(settings(), clock), true, 1 << 20);
        AlertDecoder viaDirectory = new AlertDecoder(SCHEMAS, true, 1 << 20);

        for (int round = 0; round < 2; round++) {
            for (Path file : SharedData.rubinWireAlerts()) {
                byte[] bytes = SharedData.bytes(file);
                Alert alert = viaRegistry.decode(bytes);
                Alert expected = viaDirectory.decode(bytes);
                assertThat(alert.alertId()).isEqualTo(expected.alertId());
                assertThat(alert.objectId()).isEqualTo(expected.objectId());
                assertThat(alert.schemaVersion()).isEqualTo(expected.schemaVersion());
                assertThat(alert.record()).isEqualTo(expected.record());
            }
        }

        assertThat(requestsById.keySet()).containsExactlyInAnyOrder(900, 1000, 1100, 1101);
        assertThat(requestsById.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void shouldReportAnUnregisteredIdAsUnknownAndRememberItForTheTtl() {
        SchemaRegistryClient client =
                new SchemaRegistryClient(settings().withUnknownIdTtl(Duration.ofSeconds(30)), clock);

        assertFailure(client, 4242, DecodeFailure.UNKNOWN_SCHEMA);
        clock.advance(Duration.ofSeconds(29));
        assertFailure(client, 4242, DecodeFailure.UNKNOWN_SCHEMA);
        assertThat(requestsById.get(4242)).hasValue(1);

        clock.advance(Duration.ofSeconds(2));
        assertFailure(client, 4242, DecodeFailure.UNKNOWN_SCHEMA);
        assertThat(requestsById.get(4242)).hasValue(2);
    }

    @Test
    void shouldReportAServerErrorAsUnavailableAndAskAgainNextTime() {
        SchemaRegistryClient client = new SchemaRegistryClient(settings(), clock);

        assertFailure(client, FAILING_ID, DecodeFailure.SCHEMA_UNAVAILABLE);
        assertFailure(client, FAILING_ID, DecodeFailure.SCHEMA_UNAVAILABLE);

        assertThat(requestsById.get(FAILING_ID)).hasValue(2);
    }

    @Test
    void shouldReportAStoppedRegistryAsUnavailableButKeepServingCachedSchemas() throws Exception {
        SchemaRegistryClient client = new SchemaRegistryClient(settings(), clock);
        Schema v9 = client.schema(900);

        server.stop(0);

        assertThat(client.schema(900)).isSameAs(v9);
        assertFailure(client, 1000, DecodeFailure.SCHEMA_UNAVAILABLE);
    }

    @Test
    void shouldReportATimeoutAsUnavailable() {
        SchemaRegistryClient client = new SchemaRegistryClient(settings().withTimeout(Duration.ofMillis(300)), clock);

        assertThatThrownBy(() -> client.schema(HANGING_ID))
                .isInstanceOfSatisfying(AlertDecodeException.class, e -> {
                    assertThat(e.failure()).isEqualTo(DecodeFailure.SCHEMA_UNAVAILABLE);
                    assertThat(e.getMessage()).containsIgnoringCase("timed out");
                });
    }

    @Test
    void shouldSendBasicAuthCredentials() throws Exception {
        requiredAuthorization.set("Basic " + Base64.getEncoder()
                .encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)));
        SchemaRegistryClient withCredentials =
                new SchemaRegistryClient(settings().withCredentials("alice", "s3cret"), clock);
        SchemaRegistryClient withoutCredentials = new SchemaRegistryClient(settings(), clock);

        assertThat(withCredentials.schema(1101).getFullName()).isEqualTo("lsst.v11_1.alert");
        assertFailure(withoutCredentials, 1100, DecodeFailure.SCHEMA_UNAVAILABLE);
        assertThat(settings().withCredentials("alice", "s3cret").credentials().toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThatThrownBy(() -> SchemaRegistryClient.Settings.of(URI.create("ftp://registry")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings().withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private SchemaRegistryClient.Settings settings() {
        return SchemaRegistryClient.Settings.of(baseUrl);
    }

    private static void assertFailure(SchemaRegistryClient client, int id, DecodeFailure expected) {
        assertThatThrownBy(() -> client.schema(id))
                .isInstanceOfSatisfying(AlertDecodeException.class,
                        e -> assertThat(e.failure()).as(e.getMessage()).isEqualTo(expected));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            int id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            requestsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            String required = requiredAuthorization.get();
            if (required != null && !required.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, Map.of("error_code", 401, "message", "Unauthorized"));
            } else if (id == FAILING_ID) {
                respond(exchange, 500, Map.of("error_code", 50001, "message", "Error in the backend datastore"));
            } else if (id == HANGING_ID) {
                awaitRelease();
                respond(exchange, 500, Map.of("error_code", 50002, "message", "Operation timed out"));
            } else if (SCHEMAS.ids().contains(id)) {
                respond(exchange, 200, Map.of("schema", schemaText(id)));
            } else {
                respond(exchange, 404, Map.of("error_code", 40403, "message", "Schema " + id + " not found"));
            }
        }
    }

    private static String schemaText(int id) {
        try {
            return SCHEMAS.schema(id).toString();
        } catch (AlertDecodeException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] json = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
