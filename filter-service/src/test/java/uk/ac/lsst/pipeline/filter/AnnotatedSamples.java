package uk.ac.lsst.pipeline.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import uk.ac.lsst.pipeline.alert.Alert;
import uk.ac.lsst.pipeline.alert.AlertDecodeException;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.SchemaDirectory;
import uk.ac.lsst.pipeline.alert.compact.CompactAlerts;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.features.stage.AnnotatedAlert;
import uk.ac.lsst.pipeline.features.stage.Annotator;
import uk.ac.lsst.pipeline.features.state.FeatureState;
import uk.ac.lsst.pipeline.spec.PipelineSpec;
import uk.ac.lsst.pipeline.spec.StageKinds;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.testing.ProjectFiles;
import uk.ac.lsst.pipeline.testing.SharedData;
import uk.ac.lsst.pipeline.watchlist.index.ActiveWatchlist;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistInfo;
import uk.ac.lsst.pipeline.watchlist.list.WatchlistSource;

/**
 * Annotated records of every real sample alert of the shared data (ZTF, Rubin OCF and Rubin wire format), made the
 * way features-service makes them: each alert decoded from its compact form, annotated by features-service's
 * {@link Annotator} with the catalogues of the project's pipeline file, and written with the serde of its topology.
 * Alerts are annotated in file order, each object's state carried on to its next alert; one watch list has a source
 * at the position of every {@value #WATCHED_EVERY}th alert. Alerts without a usable position are left out, as
 * features-service sends them to its dead letters.
 */
public final class AnnotatedSamples {
    /** When every sample was appended to the ingest buffer, epoch ms. */
    public static final long APPENDED_AT_MS = 1_764_000_000_000L;
    /** When every record was produced, epoch ms. */
    public static final long PRODUCED_AT_MS = APPENDED_AT_MS + 250;
    static final int WATCHED_EVERY = 5;

    private AnnotatedSamples() {
    }

    /**
     * One annotated record.
     *
     * @param file  the sample alert, relative to the shared data
     * @param alert the record as features-service made it
     * @param json  its value on {@code annotated-alerts}
     */
    public record Sample(String file, AnnotatedAlert alert, byte[] json) {
        /** Its key on {@code annotated-alerts}: the object id. */
        public String key() {
            return alert.objectId();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    /** The records of every sample alert with a usable position, in file order (ZTF, Rubin OCF, Rubin wire). */
    public static List<Sample> all() {
        AlertDecoder decoder = new AlertDecoder(new SchemaDirectory(SharedData.rubinSchemaDir()), false, 8 << 20);
        List<Path> files = Stream.of(SharedData.ztfAlerts(), SharedData.rubinOcfAlerts(), SharedData.rubinWireAlerts())
                .flatMap(List::stream).toList();
        List<Alert> alerts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            Alert alert = compact(decoder, SharedData.bytes(file));
            if (alert.hasUsablePosition()) {
                alerts.add(alert);
                names.add(SharedData.name(file));
            }
        }
        Annotator annotator = new Annotator(new FeatureCalculator(), pipelineCrossMatcher());
        WatchlistIndex watchlists = watchlistAround(alerts);
        Map<String, FeatureState> states = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert alert = alerts.get(i);
            Annotator.Annotation annotation = annotator.annotate(alert, states.get(alert.objectId()), watchlists,
                    APPENDED_AT_MS, PRODUCED_AT_MS);
            states.put(alert.objectId(), annotation.state());
            AnnotatedAlert record = annotation.record();
            samples.add(new Sample(names.get(i), record,
                    JsonSerde.of(AnnotatedAlert.class).serializer().serialize("annotated-alerts", record)));
        }
        return samples;
    }

    /** A copy of the JSON {@code json} changed by {@code edit}: records a newer or broken writer could produce. */
    public static byte[] edited(byte[] json, Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) TestRecords.MAPPER.readTree(json);
            edit.accept(tree);
            return TestRecords.MAPPER.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The alert as features-service sees it: decoded from the compact form buffer-ingest writes. */
    private static Alert compact(AlertDecoder decoder, byte[] upstream) {
        try {
            return decoder.decode(CompactAlerts.encode(decoder.decode(upstream)));
        } catch (AlertDecodeException e) {
            throw new IllegalStateException("sample alert does not decode: " + e.getMessage(), e);
        }
    }

    /** The cross-matcher of features-service with the catalogues its entry in the project's pipeline file names. */
    private static CrossMatcher pipelineCrossMatcher() {
        Map<String, String> vars = Map.of("SAMPLES_DIR", ProjectFiles.root().resolve("samples").toString());
        Env env = new Env(PipelineSpec.load(ProjectFiles.pipelineFile(), vars, StageKinds.partial(List.of()))
                .stage("features-service").settings());
        CatalogueSettings catalogues = CatalogueSettings.fromEnv(env);
        env.check();
        return new CrossMatcher(LiveCatalogues.load(catalogues), catalogues.rules());
    }

    private static WatchlistIndex watchlistAround(List<Alert> alerts) {
        List<WatchlistSource> sources = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i += WATCHED_EVERY) {
            Alert a = alerts.get(i);
            sources.add(new WatchlistSource("near-" + a.objectId(), a.raDeg(), a.decDeg() + 1.0 / 3600, 3));
        }
        WatchlistInfo info = new WatchlistInfo("samples", "Sample neighbours", "tests", 3, 1, sources.size(), 0);
        return WatchlistIndex.build(List.of(ActiveWatchlist.of(info, sources)), 1);
    }
}
