package uk.ac.lsst.pipeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The compose stack for real, where a Docker engine runs (skipped elsewhere): buffers, topics, stages and the
 * upstream simulator; the sample alerts must come out of the science buffer as cross-match records, read the
 * way a downstream consumer on the host reads them. Needs the images (mvn ... jib:dockerBuild, README).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeSmokeTest {
    private static final int ALERTS = 100;

    @Test
    void shouldCarrySimulatedAlertsToTheScienceBuffer() {
        assumeImagesBuilt();
        try (ComposeContainer stack = new ComposeContainer(Repository.file("docker-compose.yml").toFile())
                .withLocalCompose(true)
                .withEnv(Map.of("COMPOSE_PROFILES", "simulator", "REPLAY_COUNT", String.valueOf(ALERTS),
                        "REPLAY_RATE", "0"))
                .withExposedService("crossmatch-service", 8080,
                        Wait.forHttp("/health/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)))) {
            stack.start();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(5))
                    .until(() -> records("localhost:9094", "crossmatch") >= ALERTS);
        }
    }

    private static long records(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long count = 0;
            for (int i = 0; i < 10; i++) {
                count += consumer.poll(Duration.ofSeconds(1)).count();
            }
            return count;
        }
    }

    private static void assumeImagesBuilt() {
        DockerClient docker = DockerClientFactory.instance().client();
        for (String module : List.of("pipeline-cli", "buffer-ingest", "crossmatch-service", "watchlist-service",
                "thumbnail-service")) {
            String image = Repository.imageRegistry() + "/" + module + ":" + Repository.version();
            boolean present = !docker.listImagesCmd().withImageNameFilter(image).exec().isEmpty();
            Assumptions.assumeTrue(present, image + " is not built: mvn -B package jib:dockerBuild -DskipTests");
        }
        assertThat(Repository.file("pipeline.yaml")).exists();
    }
}
