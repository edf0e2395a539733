package uk.ac.lsst.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.config.BufferSettings;
import uk.ac.lsst.pipeline.config.Env;

class CrossBufferClientSupplierTest {

    @Test
    void shouldPointTheProducerAtTheOutputBufferWithItsOwnSecurity() {
        Env env = new Env(Map.of(
                "OUTPUT_BOOTSTRAP_SERVERS", "science:9093",
                "OUTPUT_SECURITY_PROTOCOL", "SSL",
                "OUTPUT_SSL_TRUSTSTORE_LOCATION", "/etc/science/ca.p12",
                "OUTPUT_KAFKA_CLIENT_RACK", "zone-b"));
        BufferSettings output = BufferSettings.fromEnv(env, "OUTPUT");
        env.check();
        Map<String, Object> streamsProducerConfig = new HashMap<>(Map.of(
                "bootstrap.servers", "upstream:9094",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "linger.ms", "5",
                "client.id", "crossmatch-producer"));

        Map<String, Object> producer = new CrossBufferClientSupplier("stage", output).producerConfig(streamsProducerConfig);

        assertThat(producer)
                .containsEntry("bootstrap.servers", "science:9093")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.truststore.location", "/etc/science/ca.p12")
                .containsEntry("client.rack", "zone-b")
                .containsEntry("linger.ms", "5")
                .containsEntry("client.id", "crossmatch-producer")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
    }
}
