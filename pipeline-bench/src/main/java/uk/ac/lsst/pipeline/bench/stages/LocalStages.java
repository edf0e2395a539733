package uk.ac.lsst.pipeline.bench.stages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import uk.ac.lsst.pipeline.bench.buffer.BenchBuffer;
import uk.ac.lsst.pipeline.bench.buffer.RunNames;
import uk.ac.lsst.pipeline.buffer.TopicSpec;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchService;
import uk.ac.lsst.pipeline.crossmatch.CrossmatchSettings;
import uk.ac.lsst.pipeline.ingest.IngestService;
import uk.ac.lsst.pipeline.ingest.IngestSettings;
import uk.ac.lsst.pipeline.stage.StageMetrics;
import uk.ac.lsst.pipeline.stage.StageRunner;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailService;
import uk.ac.lsst.pipeline.thumbnails.ThumbnailSettings;
import uk.ac.lsst.pipeline.watchlist.WatchlistService;
import uk.ac.lsst.pipeline.watchlist.WatchlistSettings;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistDefinition;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistFileException;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistParser;
import uk.ac.lsst.pipeline.watchlist.topic.WatchlistClient;

/**
 * Starts the stages of the pipeline in this JVM between three buffers, configured through the same environment
 * variables as their containers: buffer-ingest (upstream to ingest), then any of crossmatch-service,
 * watchlist-service and thumbnail-service (ingest to science), with the bundled catalogues and watch lists. Each
 * stage connects to its buffers as {@link BenchBuffer#variables} say (bootstrap, security, client properties); its
 * topics and application id are the run's ({@link RunNames}).
 *
 * <p>Every topic a stage writes is created beforehand with {@code P} partitions and log-append time, so that each
 * output record's timestamp says when it reached its buffer. Not thread-safe.
 */
public final class LocalStages {
    public static final String INGEST = IngestSettings.APPLICATION_ID;
    public static final String CROSSMATCH = "crossmatch-service";
    public static final String WATCHLIST = "watchlist-service";
    public static final String THUMBNAILS = "thumbnail-service";
    /** Every stage the bench can run, in pipeline order. */
    public static final List<String> ALL = List.of(INGEST, CROSSMATCH, WATCHLIST, THUMBNAILS);
    /** The upstream topic names buffer-ingest subscribes to: ZTF's and Rubin's styles. */
    public static final String UPSTREAM_PATTERN = "ztf_\\d{8}_programid\\d|lsst-alerts.*";
    /** The bench's name of the ingest buffer's alerts topic (behind the run's prefix). */
    public static final String ALERTS_TOPIC = "alerts";
    private static final double WATCHLIST_RADIUS_ARCSEC = 2.0;

    /**
     * @param samples    directory with {@code catalogues/} and {@code watchlists/}
     * @param partitions partitions of every topic the stages write
     * @param instances  instances of each stage (one consumer group each)
     * @param threads    stream threads per instance
     * @param work       state directories and thumbnails go here
     * @param upstreamTopics the upstream topics buffer-ingest reads (for its assignment check), the run's names
     * @param names      the run's names of topics and application ids
     * @param stages     the stages to start, of {@link #ALL}; buffer-ingest always starts
     */
    public record Layout(Path samples, int partitions, int instances, int threads, Path work,
                         List<String> upstreamTopics, RunNames names, List<String> stages) {
        public Layout {
            upstreamTopics = List.copyOf(upstreamTopics);
            stages = List.copyOf(stages);
        }
    }

    private LocalStages() {
    }

    /** Starts the stages of the layout, in pipeline order; on failure stops those already started. */
    public static List<RunningStage> start(Layout layout, BenchBuffer upstream, BenchBuffer ingest,
                                           BenchBuffer science) throws Exception {
        List<RunningStage> stages = new ArrayList<>();
        try {
            stages.add(startIngest(layout, upstream, ingest, INGEST, ALERTS_TOPIC, layout.instances()));
            if (layout.stages().contains(CROSSMATCH)) {
                stages.add(startCrossmatch(layout, ingest, science));
            }
            if (layout.stages().contains(WATCHLIST)) {
                stages.add(startWatchlist(layout, ingest, science));
            }
            if (layout.stages().contains(THUMBNAILS)) {
                stages.add(startThumbnails(layout, ingest, science));
            }
            return stages;
        } catch (Exception | Error e) {
            stages.forEach(RunningStage::close);
            throw e;
        }
    }

    /**
     * buffer-ingest from the run's upstream topics into the ingest buffer's topic {@code alertsTopic}, as
     * application {@code appId} (both behind the run's prefix).
     */
    public static RunningStage startIngest(Layout layout, BenchBuffer upstream, BenchBuffer ingest, String appId,
                                           String alertsTopic, int instances) {
        Function<Integer, IngestSettings> settings = i -> {
            Map<String, String> env = env(layout, upstream, ingest, appId, i);
            env.put("UPSTREAM_TOPIC_PATTERN", layout.names().pattern(UPSTREAM_PATTERN));
            env.put("ALERTS_PARTITIONS", String.valueOf(layout.partitions()));
            env.put("ALERTS_TOPIC", layout.names().of(alertsTopic));
            return IngestSettings.fromEnv(env);
        };
        return instances(appId, instances, (i, m) -> IngestService.start(settings.apply(i), m), upstream,
                layout.upstreamTopics(), ingest, layout.names().of(alertsTopic));
    }

    /** A crossmatch-service instance; {@link #start} starts the first ones, this adds one more to the group. */
    public static StageRunner startCrossmatchInstance(Layout layout, BenchBuffer ingest, BenchBuffer science,
                                                      StageMetrics metrics) {
        return CrossmatchService.start(crossmatchSettings(layout, ingest, science, layout.instances()), metrics);
    }

    private static CrossmatchSettings crossmatchSettings(Layout layout, BenchBuffer ingest, BenchBuffer science,
                                                         int instance) {
        Map<String, String> env = env(layout, ingest, science, CROSSMATCH, instance);
        env.put("CROSSMATCH_TOPIC", layout.names().of("crossmatch"));
        env.putAll(catalogues(layout.samples().resolve("catalogues")));
        return CrossmatchSettings.fromEnv(env);
    }

    private static RunningStage startCrossmatch(Layout layout, BenchBuffer ingest, BenchBuffer science) {
        CrossmatchSettings settings = crossmatchSettings(layout, ingest, science, 0);
        science.ensureTopics(List.of(logAppendTime(settings.outputTopic(), layout.partitions())));
        return instances(CROSSMATCH, layout.instances(),
                (i, m) -> CrossmatchService.start(crossmatchSettings(layout, ingest, science, i), m), ingest,
                List.of(settings.alertsTopic()), science, settings.outputTopic().name());
    }

    private static RunningStage startWatchlist(Layout layout, BenchBuffer ingest, BenchBuffer science)
            throws Exception {
        Function<Integer, WatchlistSettings> perInstance = i -> {
            Map<String, String> env = env(layout, ingest, science, WATCHLIST, i);
            env.put("HITS_PARTITIONS", String.valueOf(layout.partitions()));
            env.put("HITS_TOPIC", layout.names().of("watchlist-hits"));
            env.put("WATCHLISTS_TOPIC", layout.names().of("watchlists"));
            return WatchlistSettings.fromEnv(env);
        };
        WatchlistSettings settings = perInstance.apply(0);
        WatchlistService.ensureTopics(settings);
        try (WatchlistClient client = WatchlistService.client(settings)) {
            client.uploadAll(watchlists(layout.samples().resolve("watchlists")));
        }
        return instances(WATCHLIST, layout.instances(), (i, m) -> WatchlistService.start(perInstance.apply(i), m), ingest,
                List.of(settings.alertsTopic()), science, settings.hitsTopic().name());
    }

    private static RunningStage startThumbnails(Layout layout, BenchBuffer ingest, BenchBuffer science) {
        Function<Integer, ThumbnailSettings> perInstance = i -> {
            Map<String, String> env = env(layout, ingest, science, THUMBNAILS, i);
            env.put("THUMBNAIL_DIR", layout.work().resolve("thumbnails").toAbsolutePath().toString());
            env.put("THUMBNAILS_TOPIC", layout.names().of("thumbnails"));
            return ThumbnailSettings.fromEnv(env);
        };
        ThumbnailSettings settings = perInstance.apply(0);
        science.ensureTopics(List.of(logAppendTime(settings.thumbnailsTopic(), layout.partitions())));
        return instances(THUMBNAILS, layout.instances(), (i, m) -> ThumbnailService.start(perInstance.apply(i), m),
                ingest,
                List.of(settings.alertsTopic()), science, settings.thumbnailsTopic().name());
    }

    private static RunningStage instances(String name, int count, BiFunction<Integer, StageMetrics, StageRunner> start,
                                          BenchBuffer input, List<String> inputTopics, BenchBuffer output,
                                          String outputTopic) {
        List<StageRunner> runners = new ArrayList<>();
        List<StageMetrics> metrics = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                StageMetrics m = StageMetrics.prometheus(name);
                metrics.add(m);
                runners.add(start.apply(i, m));
            }
        } catch (RuntimeException e) {
            runners.forEach(StageRunner::close);
            throw e;
        }
        return new RunningStage(name, runners, metrics, input, inputTopics, output, outputTopic);
    }

    /** The topic as the stage wants it, with {@code partitions} partitions and log-append time. */
    static TopicSpec logAppendTime(TopicSpec spec, int partitions) {
        Map<String, String> configs = new HashMap<>(spec.configs());
        configs.put("message.timestamp.type", "LogAppendTime");
        return new TopicSpec(spec.name(), partitions, spec.replicationFactor(), configs);
    }

    /**
     * What every stage shares: its buffers, the run's names of its application id, alerts topic and dead-letter
     * topic ({@code <stage>-dead-letters}), its threads, an ephemeral HTTP port, its own state directory.
     */
    private static Map<String, String> env(Layout layout, BenchBuffer input, BenchBuffer output, String stage,
                                           int instance) {
        Map<String, String> env = new HashMap<>();
        env.putAll(input.variables("INPUT"));
        env.putAll(output.variables("OUTPUT"));
        env.put("APPLICATION_ID", layout.names().of(stage));
        env.put("ALERTS_TOPIC", layout.names().of(ALERTS_TOPIC));
        env.put("DEAD_LETTER_TOPIC", layout.names().of(stage + "-dead-letters"));
        env.put("STREAM_THREADS", String.valueOf(layout.threads()));
        env.put("HTTP_PORT", "0");
        env.put("STATE_DIR", layout.work().resolve("state").resolve(stage + "-" + instance).toString());
        env.put("KAFKA_COMMIT_INTERVAL_MS", "1000");
        return env;
    }

    /** The bundled catalogues: the SDSS extract and the synthetic one placed next to sample alerts. */
    private static Map<String, String> catalogues(Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("CATALOGUES", "sdss,demo");
        env.put("CATALOGUE_SDSS_FILE", dir.resolve("sdss_dr14_star_galaxy_qso_2k.csv").toString());
        env.put("CATALOGUE_SDSS_ID_COLUMN", "plate,mjd,fiberid");
        env.put("CATALOGUE_SDSS_TYPE_COLUMN", "class");
        env.put("CATALOGUE_SDSS_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_FILE", dir.resolve("demo_context_synthetic.ecsv").toString());
        env.put("CATALOGUE_DEMO_ID_COLUMN", "id");
        env.put("CATALOGUE_DEMO_TYPE_COLUMN", "class");
        env.put("CATALOGUE_DEMO_CARRY_COLUMNS", "redshift,r");
        env.put("CATALOGUE_DEMO_RADIUS_ARCSEC", "5");
        return env;
    }

    /** The list files of {@code dir}; each list's id is its file name without extension. */
    private static List<WatchlistDefinition> watchlists(Path dir) throws IOException, WatchlistFileException {
        List<WatchlistDefinition> lists = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lists;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String file = f.getFileName().toString();
                if (file.endsWith(".csv") || file.endsWith(".txt")) {
                    String id = file.substring(0, file.lastIndexOf('.')).replace('_', '-');
                    lists.add(new WatchlistDefinition(id, id, "bench", WATCHLIST_RADIUS_ARCSEC,
                            WatchlistParser.parse(f, WatchlistParser.Format.AUTO, WATCHLIST_RADIUS_ARCSEC)));
                }
            }
        }
        return lists;
    }
}
