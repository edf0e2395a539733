package uk.ac.lsst.pipeline.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.NameValidator;
import org.apache.avro.Schema;

/**
 * Writer schemas from a Confluent-compatible schema registry: {@code GET {baseUrl}/schemas/ids/{id}} answers
 * {@code {"schema": "<schema JSON as a string>", ...}} with a fully resolved Avro schema.
 *
 * <p>Caching: a schema found is kept for the life of the client (ids are immutable in a registry). An id the
 * registry does not know (HTTP 404) is {@link DecodeFailure#UNKNOWN_SCHEMA} and is remembered for
 * {@link Settings#unknownIdTtl()}, so a stream of such messages does not turn into a stream of requests. A registry
 * that cannot be reached, times out, refuses the credentials or answers 5xx gives
 * {@link DecodeFailure#SCHEMA_UNAVAILABLE}, not cached: the next message asks again.
 *
 * <p>Thread-safe: one instance may serve all stream threads. Two threads missing the same id at once may both ask.
 */
public final class SchemaRegistryClient implements SchemaSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private final ConcurrentMap<Integer, Schema> found = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, Instant> unknownUntil = new ConcurrentHashMap<>();

    /**
     * Basic-auth credentials (Confluent Cloud API key and secret, or a registry user).
     *
     * @param username the user name or API key
     * @param password the password or API secret; {@link #toString()} hides it
     */
    public record Credentials(String username, String password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        String authorizationHeader() {
            String pair = username + ":" + password;
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /**
     * @param baseUrl      the registry URL, e.g. {@code https://registry.example.org} (a path prefix is kept)
     * @param timeout      the limit for connecting and for each request
     * @param unknownIdTtl how long an id answered with 404 is remembered as unknown (zero: not at all)
     * @param credentials  basic-auth credentials, or null for none
     */
    public record Settings(URI baseUrl, Duration timeout, Duration unknownIdTtl, Credentials credentials) {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_UNKNOWN_ID_TTL = Duration.ofSeconds(30);

        public Settings {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
                throw new IllegalArgumentException("schema registry URL must be http or https, got " + baseUrl);
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("schema registry timeout must be positive, got " + timeout);
            }
            if (unknownIdTtl == null || unknownIdTtl.isNegative()) {
                throw new IllegalArgumentException("unknown-id TTL must be zero or positive, got " + unknownIdTtl);
            }
        }

        /** Default timeout (5 s) and unknown-id TTL (30 s), no credentials. */
        public static Settings of(URI baseUrl) {
            return new Settings(baseUrl, DEFAULT_TIMEOUT, DEFAULT_UNKNOWN_ID_TTL, null);
        }

        public Settings withTimeout(Duration newTimeout) {
            return new Settings(baseUrl, newTimeout, unknownIdTtl, credentials);
        }

        public Settings withUnknownIdTtl(Duration ttl) {
            return new Settings(baseUrl, timeout, ttl, credentials);
        }

        public Settings withCredentials(String username, String password) {
            return new Settings(baseUrl, timeout, unknownIdTtl, new Credentials(username, password));
        }
    }

    public SchemaRegistryClient(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock tells when a remembered unknown id expires (tests pass a controllable clock) */
    public SchemaRegistryClient(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Schema schema(int schemaId) throws AlertDecodeException {
        Schema cached = found.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Instant until = unknownUntil.get(schemaId);
        if (until != null && clock.instant().isBefore(until)) {
            throw unknown(schemaId, "registry " + settings.baseUrl() + " answered 404 (remembered)");
        }
        Schema schema = fetch(schemaId);
        unknownUntil.remove(schemaId);
        Schema raced = found.putIfAbsent(schemaId, schema);
        return raced != null ? raced : schema;
    }

    private Schema fetch(int schemaId) throws AlertDecodeException {
        URI uri = URI.create(stripTrailingSlash(settings.baseUrl().toString()) + "/schemas/ids/" + schemaId);
        HttpResponse<byte[]> response = send(schemaId, uri);
        int status = response.statusCode();
        if (status == 404) {
            if (!settings.unknownIdTtl().isZero()) {
                unknownUntil.put(schemaId, clock.instant().plus(settings.unknownIdTtl()));
            }
            throw unknown(schemaId, "registry answered 404 for " + uri);
        }
        if (status != 200) {
            throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE,
                    "schema id " + schemaId + ": registry answered HTTP " + status + " for " + uri);
        }
        return parse(schemaId, uri, response.body());
    }

    private HttpResponse<byte[]> send(int schemaId, URI uri) throws AlertDecodeException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET();
        if (settings.credentials() != null) {
            request.header("Authorization", settings.credentials().authorizationHeader());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE,
                    "schema id " + schemaId + ": cannot reach registry at " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE,
                    "schema id " + schemaId + ": interrupted while asking " + uri, e);
        }
    }

    private static Schema parse(int schemaId, URI uri, byte[] body) throws AlertDecodeException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE,
                    "schema id " + schemaId + ": registry answer from " + uri + " is not JSON", e);
        }
        JsonNode type = answer.path("schemaType");
        if (!type.isMissingNode() && !"AVRO".equals(type.asText())) {
            throw unknown(schemaId, "registry holds a " + type.asText() + " schema, not Avro");
        }
        JsonNode text = answer.path("schema");
        if (!text.isTextual()) {
            throw new AlertDecodeException(DecodeFailure.SCHEMA_UNAVAILABLE,
                    "schema id " + schemaId + ": registry answer from " + uri + " has no \"schema\" string");
        }
        try {
            return new Schema.Parser(NameValidator.NO_VALIDATION).setValidateDefaults(false).parse(text.asText());
        } catch (AvroRuntimeException e) {
            throw unknown(schemaId, "registry schema does not parse as Avro: " + e.getMessage());
        }
    }

    private static AlertDecodeException unknown(int schemaId, String detail) {
        return new AlertDecodeException(DecodeFailure.UNKNOWN_SCHEMA, "schema id " + schemaId + ": " + detail);
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
