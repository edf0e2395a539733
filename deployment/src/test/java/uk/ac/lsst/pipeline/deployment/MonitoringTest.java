package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.stage.StageMain;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.testing.CopyStage;
import uk.ac.lsst.pipeline.testing.TestBuffer;

/** Prometheus scrapes every stage; the Grafana dashboard is provisioned and asks only for metrics stages serve. */
class MonitoringTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:pipeline|kafka)_[a-z0-9_]+)\\b");
    private static final Pattern CLIENT_ID = Pattern.compile("client_id=~\"([^\"]+)\"");

    private final PipelineFile pipeline = PipelineFile.repository();
    private final JsonNode services = Yaml.read(Repository.file("docker-compose.yml")).path("services");
    private final JsonNode dashboard = Yaml.readJson(
            Repository.file("deploy/monitoring/grafana/dashboards/alert-pipeline.json"));

    @Test
    void shouldScrapeEveryInstanceOfEveryStage() {
        JsonNode prometheus = services.path("prometheus");
        assertThat(ComposeFileTest.networks(prometheus)).contains("monitoring");
        assertThat(Yaml.texts(prometheus.path("profiles"))).containsExactly("monitoring");
        String mount = mountSource(prometheus, "/etc/prometheus/prometheus.yml");
        JsonNode config = Yaml.read(Repository.file(mount));
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        JsonNode dns = job.path("dns_sd_configs").get(0);
        assertThat(dns.path("type").asText()).as("one target per container of a service").isEqualTo("A");
        assertThat(dns.path("port").asInt()).isEqualTo(8080);
        List<String> javaStages = pipeline.stages().values().stream().filter(s -> !s.external())
                .map(PipelineFile.Stage::name).toList();
        assertThat(Yaml.texts(dns.path("names"))).containsAll(javaStages);
        for (String stage : javaStages) {
            assertThat(ComposeFileTest.networks(services.path(stage))).as(stage).contains("monitoring");
        }
    }

    @Test
    void shouldProvisionTheDashboardAndTheDatasourceItQueries() {
        JsonNode grafana = services.path("grafana");
        String provisioning = mountSource(grafana, "/etc/grafana/provisioning");
        JsonNode datasources = Yaml.read(Repository.file(provisioning + "/datasources/prometheus.yml"));
        String uid = datasources.path("datasources").get(0).path("uid").asText();
        assertThat(datasources.path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode providers = Yaml.read(Repository.file(provisioning + "/dashboards/alert-pipeline.yml"));
        String dashboardsPath = providers.path("providers").get(0).path("options").path("path").asText();
        String dashboards = mountSource(grafana, dashboardsPath);
        assertThat(Files.isRegularFile(Repository.file(dashboards + "/alert-pipeline.json"))).isTrue();

        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(uid);
            assertThat(panel.path("targets")).isNotEmpty();
        }
        assertThat(String.join("|", titles).toLowerCase())
                .contains("read per second").contains("lag").contains("dead letters");
    }

    @Test
    void shouldQueryOnlyMetricsThatARunningStageServes(@TempDir Path stateDir) throws Exception {
        Set<String> queried = new TreeSet<>();
        List<String> clientIdPatterns = new ArrayList<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                queried.add(m.group(1));
            }
            Matcher c = CLIENT_ID.matcher(expr);
            while (c.find()) {
                clientIdPatterns.add(c.group(1));
            }
        }
        assertThat(queried).contains("pipeline_alerts_in_total", "pipeline_alerts_out_total",
                "pipeline_dead_letters_total", "kafka_consumer_fetch_manager_records_lag_max");

        String scrape = scrapeOfARunningStage(stateDir);
        Set<String> served = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-z_:][a-z0-9_:]*)[{ ]").matcher(scrape);
        while (m.find()) {
            served.add(m.group(1));
        }
        assertThat(served).containsAll(queried);
        for (String pattern : clientIdPatterns) {
            Matcher ids = Pattern.compile("client_id=\"([^\"]+)\"").matcher(scrape);
            boolean any = false;
            while (ids.find()) {
                any |= ids.group(1).matches(pattern);
            }
            assertThat(any).as("some client_id of the scrape matches %s", pattern).isTrue();
        }
    }

    private List<String> expressions() {
        List<String> out = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> out.add(t.path("expr").asText())));
        return out;
    }

    /** /metrics of a stage run by the real StageRunner between two topics of an in-process Kafka. */
    private static String scrapeOfARunningStage(Path stateDir) throws Exception {
        try (TestBuffer buffer = TestBuffer.start()) {
            buffer.createTopics(TopicSpec.of("scrape-in", 2), TopicSpec.of("scrape-out", 2));
            try (StageRunner runner = StageMain.create(new CopyStage(Duration.ZERO, new AtomicLong()),
                    CopyStage.env("scrape-stage", buffer.bootstrapServers(), buffer.bootstrapServers(), stateDir,
                            "scrape-in", "scrape-out", Map.of()))) {
                runner.metrics().deadLetter("corrupt");
                runner.start();
                await().atMost(Duration.ofSeconds(90)).until(() -> runner.state() == KafkaStreams.State.RUNNING);
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + runner.httpPort() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                return response.body();
            }
        }
    }

    /** The host path (relative to the repository) that a compose service mounts at {@code target}. */
    private static String mountSource(JsonNode service, String target) {
        for (String volume : Yaml.texts(service.path("volumes"))) {
            String[] parts = volume.split(":");
            if (parts.length >= 2 && parts[1].equals(target)) {
                assertThat(parts[0]).startsWith("./");
                return parts[0].substring(2);
            }
        }
        throw new AssertionError(service + " mounts nothing at " + target);
    }
}
