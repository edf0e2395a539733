package uk.ac.lsst.pipeline.bench.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.ac.lsst.pipeline.bench.buffer.FileBuffer;
import uk.ac.lsst.pipeline.bench.buffer.RunNames;
import uk.ac.lsst.pipeline.spec.BufferSecurity;
import uk.ac.lsst.pipeline.spec.BufferSpec;

class MirrorMaker2Test {
    private static final RunNames NAMES = new RunNames("bench-20261126-152658-0a1b-");

    @Test
    void shouldConnectWithEachBuffersClientPropertiesAndNameEverythingItMakesForTheRun() {
        FileBuffer upstream = buffer("survey", "upstream.example:9092", Map.of("client.rack", "a"));
        FileBuffer ingest = buffer("local", "ingest.example:9093", Map.of());

        Map<String, String> c = MirrorMaker2.config(upstream, ingest, NAMES,
                List.of(NAMES.of("ztf_20181203_programid1")), 2);

        assertThat(c).containsEntry("clusters", NAMES.of("upstream") + ", " + NAMES.of("ingest"))
                .containsEntry(NAMES.of("upstream") + ".bootstrap.servers", "upstream.example:9092")
                .containsEntry(NAMES.of("upstream") + ".client.rack", "a")
                .containsEntry(NAMES.of("ingest") + ".bootstrap.servers", "ingest.example:9093")
                .containsEntry("offset.storage.topic", NAMES.of("mm2-offsets"))
                .containsEntry("status.storage.topic", NAMES.of("mm2-status"))
                .containsEntry("config.storage.topic", NAMES.of("mm2-configs"));
        assertThat(MirrorMaker2.targetTopic(NAMES, NAMES.of("ztf_20181203_programid1")))
                .startsWith(NAMES.prefix());
        RunReplicationPolicy policy = new RunReplicationPolicy();
        policy.configure(c);
        assertThat(policy.heartbeatsTopic()).isEqualTo(NAMES.of("heartbeats"));
        assertThat(policy.offsetSyncsTopic(NAMES.of("ingest"))).startsWith(NAMES.prefix());
        assertThat(policy.checkpointsTopic(NAMES.of("upstream"))).startsWith(NAMES.prefix());
    }

    private static FileBuffer buffer(String name, String bootstrap, Map<String, String> properties) {
        return new FileBuffer(new BufferSpec(name, bootstrap, true, (short) -1, BufferSecurity.PLAINTEXT, properties,
                Map.of(), 1), Map.of(), "pipeline.yaml");
    }
}
