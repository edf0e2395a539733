package uk.ac.lsst.pipeline.deployment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage container's HTTP endpoints ({@code /health/ready}, {@code /metrics} on port 8080), reached at the
 * container's own address. Connect and read time out after a few seconds. Thread-safe.
 */
final class StageHttp {
    static final int PORT = 8080;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** One sample of the Prometheus text format: name, optional {labels}, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");

    private StageHttp() {
    }

    /** The status of {@code /health/ready}, or -1 when nothing answers (yet). */
    static int readiness(String address) {
        try {
            return get(address, "/health/ready").statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The body of {@code /metrics}. */
    static String metrics(String address) {
        try {
            HttpResponse<String> r = get(address, "/metrics");
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET http://" + address + ":" + PORT + "/metrics answered "
                        + r.statusCode() + ", expected 200");
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET http://" + address + ":" + PORT + "/metrics failed: " + e, e);
        }
    }

    /** The sum of the samples of a metric whose labels (the text between the braces) pass {@code labels}. */
    static double sum(String metrics, String name, Predicate<String> labels) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            Matcher m = SAMPLE.matcher(line.trim());
            if (m.matches() && m.group(1).equals(name) && labels.test(m.group(3) == null ? "" : m.group(3))) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    private static HttpResponse<String> get(String address, String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + PORT + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
