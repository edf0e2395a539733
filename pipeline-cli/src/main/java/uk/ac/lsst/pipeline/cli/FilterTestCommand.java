package uk.ac.lsst.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import uk.ac.lsst.pipeline.alert.AlertDecoder;
import uk.ac.lsst.pipeline.alert.files.AlertDiscovery;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.features.FeatureCalculator;
import uk.ac.lsst.pipeline.features.stage.Annotator;
import uk.ac.lsst.pipeline.features.stage.FeaturesStage;
import uk.ac.lsst.pipeline.filter.expression.CompiledFilter;
import uk.ac.lsst.pipeline.filter.expression.ExpressionException;
import uk.ac.lsst.pipeline.filter.expression.FilterCompiler;
import uk.ac.lsst.pipeline.filter.expression.Verdict;
import uk.ac.lsst.pipeline.filter.schema.AnnotatedRecordSchema;
import uk.ac.lsst.pipeline.offline.OfflineFilter;
import uk.ac.lsst.pipeline.spec.PipelineFileException;
import uk.ac.lsst.pipeline.spec.StageSpec;
import uk.ac.lsst.pipeline.stage.JsonSerde;
import uk.ac.lsst.pipeline.text.Counts;
import uk.ac.lsst.pipeline.watchlist.index.WatchlistIndex;

/**
 * {@code pipeline filter test}: a filter expression tried on alert files offline, as features-service and
 * filter-service would annotate and evaluate them. Files that are not alerts and alerts that cannot be annotated are
 * skipped and listed on stderr. Exit codes as {@link OfflineInput}'s: 0 when every file was evaluated, 1 when some
 * were skipped, 2 for bad options, an expression that does not compile (with the position of each problem),
 * catalogues that cannot be loaded or no alert file at all. Evaluation errors (which the stage counts and skips)
 * are listed and counted but leave the exit code alone.
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Try a filter expression on alert files offline, without Kafka: each alert is annotated as "
                + "features-service does it and the filter evaluated on the record as filter-service reads it. "
                + "The files are taken in order as the arrival order, so an object's features accumulate over "
                + "its files.",
                "Prints one JSON line per alert the filter passes (per alert with --show all): file, alertId, "
                        + "objectId, result (passed, failed or error), error, and the annotated record the filter "
                        + "saw, without its history (left out with --show none).",
                "Catalogues: those of the features-service stage of the pipeline file, read as the stage reads "
                        + "them (environment variables win). Watch lists: none. Skipped files, evaluation errors "
                        + "and a summary go to stderr."},
        footer = {"", "Examples:",
                "  pipeline filter test --alerts samples/alerts/ztf \\",
                "    --expression 'magnitude < 18.5 && features.nDetections >= 3'",
                "  pipeline filter test -f pipeline.yaml --alerts alerts/ \\",
                "    --expression-file bright-sn.cel --show all"})
public final class FilterTestCommand implements Callable<Integer> {
    private static final int MAX_ALERT_BYTES = 64 * 1024 * 1024;

    /** Which alerts get a line, and whether it carries the record. */
    enum Show { ALL, PASSED, NONE }

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FilterCommand.ExpressionOptions expression;

    @Option(names = "--alerts", required = true, paramLabel = "DIR", description = "Alert files (Avro OCF or "
            + "Confluent wire format), searched recursively, each directory's files in path order; repeatable.")
    List<Path> alertDirs = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The pipeline file whose features-service "
            + "stage names the catalogues (default: $PIPELINE_FILE, else ./pipeline.yaml).")
    Path file;

    @Option(names = "--stage", paramLabel = "STAGE",
            description = "The features-service stage of the file (default: the only one).")
    String stage;

    @Option(names = "--show", defaultValue = "passed", paramLabel = "all|passed|none",
            description = "all: a line per alert; passed: a line per alert passed; none: the same without the "
                    + "record (default: ${DEFAULT-VALUE}).")
    String show;

    @Option(names = "--schema-dir", paramLabel = "DIR", description = "Rubin schemas laid out as "
            + "<major.minor>/*.avsc (needed for Confluent wire-format alerts).")
    Path schemaDir;

    @Override
    public Integer call() {
        Show shown = show();
        PrintWriter out = spec.commandLine().getOut();
        OfflineInput input = new OfflineInput("filter test", spec.commandLine().getErr());
        CompiledFilter filter;
        try {
            filter = FilterCompiler.create().compile(expression.read());
        } catch (IOException e) {
            input.error("cannot read " + expression.source() + ": " + e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        } catch (ExpressionException e) {
            input.error("the expression of " + expression.source() + " does not compile\n" + e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        }
        CrossMatcher matcher;
        try {
            matcher = matcher();
        } catch (PipelineFileException | SettingsException | IllegalArgumentException | CatalogueException e) {
            input.error(e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        }
        AlertDecoder decoder = new AlertDecoder(OfflineInput.schemas(spec, schemaDir), false, MAX_ALERT_BYTES);
        Optional<AlertDiscovery> files = input.scan(alertDirs);
        if (files.isEmpty()) {
            return OfflineInput.EXIT_UNUSABLE;
        }
        OfflineFilter offline = new OfflineFilter(new Annotator(new FeatureCalculator(), matcher),
                WatchlistIndex.empty(), filter, Clock.systemUTC());
        OfflineFilter.Summary summary = offline.run(files.get(), decoder, result -> {
            if (result.verdict().outcome() == Verdict.Outcome.ERROR) {
                input.error("alert " + result.record().alertId() + " of " + result.file() + ": "
                        + result.verdict().error());
            }
            if (shown == Show.ALL || result.verdict().passed()) {
                out.println(line(result, shown != Show.NONE));
            }
        });
        out.flush();
        summary.skipped().forEach(input::skipped);
        input.summary(spec.commandLine().getErr(), OfflineInput.alerts(summary.alerts()) + ", " + summary.passed()
                + " passed, " + Counts.of(summary.errors(), "error") + ", "
                + OfflineInput.skippedCount(summary.skipped().size()));
        return OfflineInput.exitCode(summary.skipped().size());
    }

    /** The catalogues of the features-service stage, as the stage reads them: the file's settings, then the env. */
    private CrossMatcher matcher() {
        StageSpec features = PipelineStages.ofType(PipelineFileOption.load(file), FeaturesStage.KIND.id(), stage);
        Map<String, String> vars = new HashMap<>(features.settings());
        System.getenv().forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                vars.put(name, value);
            }
        });
        CatalogueSettings settings = XmatchCommand.settings(vars);
        return new CrossMatcher(LiveCatalogues.load(settings), settings.rules());
    }

    private static String line(OfflineFilter.Result result, boolean withRecord) {
        ObjectNode line = JsonSerde.mapper().createObjectNode();
        line.put("file", result.file().toString());
        line.put("alertId", result.record().alertId());
        line.put("objectId", result.record().objectId());
        line.put("result", switch (result.verdict().outcome()) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case ERROR -> "error";
        });
        line.put("error", result.verdict().error());
        if (withRecord) {
            ObjectNode record = ((ObjectNode) result.record().json()).deepCopy();
            record.remove(AnnotatedRecordSchema.HISTORY_FIELD);
            line.set("record", record);
        }
        try {
            return JsonSerde.mapper().writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Show show() {
        try {
            return Show.valueOf(show.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--show '" + show + "' is invalid: expected all, "
                    + "passed or none");
        }
    }
}
