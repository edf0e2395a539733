package uk.ac.lsst.pipeline.stage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The HTTP face of a stage, for probes and scrapers:
 * <ul>
 * <li>{@code GET /health/live}: 200 unless the Streams client is in ERROR or NOT_RUNNING (then 503: restart me);</li>
 * <li>{@code GET /health/ready}: 200 while RUNNING, else 503;</li>
 * <li>{@code GET /health}: the state as JSON, always 200;</li>
 * <li>{@code GET /metrics}: Prometheus text format.</li>
 * </ul>
 * Thread-safe; serves from one small thread pool.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    public HealthServer(int port, String stage, Supplier<KafkaStreams.State> state, Supplier<String> metrics) {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("stage " + stage + " cannot serve HTTP on port " + port
                    + " (set HTTP_PORT to a free port)", e);
        }
        server.createContext("/health/live", ex -> {
            KafkaStreams.State s = state.get();
            boolean live = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.NOT_RUNNING;
            respond(ex, live ? 200 : 503, json(stage, s, live ? "UP" : "DOWN"), "application/json");
        });
        server.createContext("/health/ready", ex -> {
            KafkaStreams.State s = state.get();
            boolean ready = s == KafkaStreams.State.RUNNING;
            respond(ex, ready ? 200 : 503, json(stage, s, ready ? "UP" : "DOWN"), "application/json");
        });
        server.createContext("/health", ex -> respond(ex, 200, json(stage, state.get(), "INFO"), "application/json"));
        server.createContext("/metrics", ex -> respond(ex, 200, metrics.get(), "text/plain; version=0.0.4; charset=utf-8"));
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "http-" + stage);
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The port actually bound (useful when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String json(String stage, KafkaStreams.State state, String status) {
        return "{\"stage\":\"" + stage + "\",\"state\":\"" + state + "\",\"status\":\"" + status + "\"}\n";
    }

    private static void respond(HttpExchange ex, int code, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
            code = 405;
            bytes = new byte[0];
        }
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
