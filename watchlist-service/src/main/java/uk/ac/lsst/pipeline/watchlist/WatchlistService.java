package uk.ac.lsst.pipeline.watchlist;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.buffer.TopicAdmin;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * Wires watchlist-service: makes sure its topics exist, then starts the stage. The watch-list store lives inside
 * the stage's Kafka Streams topology (a global store), so starting and closing the {@link StageRunner} starts and
 * stops it too: {@link StageRunner#start} returns once every list of the topic is loaded and indexed.
 */
public final class WatchlistService {
    private static final Logger log = LoggerFactory.getLogger(WatchlistService.class);

    private WatchlistService() {
    }

    /**
     * Creates, where missing, the watch-lists topic (compacted) on the input buffer and the hits and dead-letter
     * topics on the output buffer. The alerts topic is buffer-ingest's and must exist.
     */
    public static void ensureTopics(WatchlistSettings settings) {
        try (Admin input = Admin.create(settings.stage().input().clientProperties())) {
            new TopicAdmin(input, Duration.ofSeconds(60)).ensure(List.of(settings.watchlistsTopic()));
        }
        try (Admin output = Admin.create(settings.stage().output().clientProperties())) {
            new TopicAdmin(output, Duration.ofSeconds(60))
                    .ensure(List.of(settings.hitsTopic(), settings.deadLetterTopic()));
        }
    }

    /** The decoder of this stage: cutouts skipped, size bounded, schemas as the settings say. */
    public static AlertDecoder decoder(WatchlistSettings settings) {
        return new AlertDecoder(settings.schemas().toSchemaSource(), false, settings.maxAlertBytes());
    }

    /** The topology with this stage's meters registered in {@code metrics}' registry (call once per registry). */
    public static Topology topology(WatchlistSettings settings, StageMetrics metrics) {
        return WatchlistTopology.build(settings, decoder(settings), new WatchlistMetrics(metrics));
    }

    /** Ensures topics, then creates and starts the stage; returns once the lists are loaded and matching runs. */
    public static StageRunner start(WatchlistSettings settings, StageMetrics metrics) {
        ensureTopics(settings);
        StageRunner runner = new StageRunner(settings.stage(), topology(settings, metrics), metrics);
        log.info("watchlist-service matches {} against the lists of {} into {}", settings.alertsTopic(),
                settings.watchlistsTopic().name(), settings.hitsTopic().name());
        runner.start();
        return runner;
    }

    /** A client for the watch lists this stage reads (on its input buffer); the caller closes it. */
    public static WatchlistClient client(WatchlistSettings settings) {
        return new WatchlistClient(settings.stage().input().clientProperties(), settings.watchlistsTopic());
    }
}
