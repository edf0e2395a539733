package uk.ac.lsst.pipeline.bench.reference;

import java.util.Map;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;

/**
 * MirrorMaker 2's default naming, with the two internal topics whose names hold no cluster alias of the source
 * (heartbeats, offset syncs) put behind the prefix given in {@link #RUN_PREFIX_CONFIG}, so that with aliases behind
 * the same prefix everything a bench run's MirrorMaker 2 creates has the run's names. Made and configured by
 * MirrorMaker 2 from its properties.
 */
public final class RunReplicationPolicy extends DefaultReplicationPolicy {
    /** Put before the heartbeats and offset-syncs topics; none when not set. */
    public static final String RUN_PREFIX_CONFIG = "replication.policy.run.prefix";

    private String prefix = "";

    @Override
    public void configure(Map<String, ?> props) {
        super.configure(props);
        Object configured = props.get(RUN_PREFIX_CONFIG);
        if (configured != null) {
            prefix = configured.toString();
        }
    }

    @Override
    public String heartbeatsTopic() {
        return prefix + super.heartbeatsTopic();
    }

    @Override
    public String offsetSyncsTopic(String clusterAlias) {
        return prefix + super.offsetSyncsTopic(clusterAlias);
    }
}
