package uk.ac.lsst.pipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import uk.ac.lsst.pipeline.watchlist.WatchlistSettings;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/** {@code pipeline watchlist}: manage the watch lists that watchlist-service matches alerts against. */
@Command(name = "watchlist", mixinStandardHelpOptions = true,
        description = {"Manage watch lists (sky positions with radii that trigger on any alert inside them) in the "
                + "compacted watch-lists topic of the ingest buffer, or match alert files against a list offline.",
                "Exit codes: 0 done, 1 failed (Kafka, list not found), 2 bad file or options."},
        subcommands = {WatchlistUploadCommand.class, WatchlistListCommand.class, WatchlistShowCommand.class,
                WatchlistDeleteCommand.class, WatchlistCheckCommand.class})
public final class WatchlistCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where the watch lists are: the buffer, its client security settings, the topic. */
    public static final class Connection {
        @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,HOST:PORT...]",
                description = "The buffer that holds the watch lists (the ingest buffer).")
        String bootstrapServers;

        @Option(names = "--command-config", paramLabel = "FILE",
                description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for the buffer.")
        Path commandConfig;

        @Option(names = "--topic", defaultValue = WatchlistSettings.DEFAULT_WATCHLISTS_TOPIC, paramLabel = "TOPIC",
                description = "The watch-lists topic (default: ${DEFAULT-VALUE}).")
        String topic;

        /** A client for the topic (which {@code pipeline apply} creates). */
        WatchlistClient client() {
            Map<String, Object> props = new HashMap<>();
            if (commandConfig != null) {
                Properties file = new Properties();
                try (InputStream in = Files.newInputStream(commandConfig)) {
                    file.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read --command-config " + commandConfig, e);
                }
                file.forEach((k, v) -> props.put(k.toString(), v));
            }
            props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            return new WatchlistClient(props, topic);
        }
    }
}
