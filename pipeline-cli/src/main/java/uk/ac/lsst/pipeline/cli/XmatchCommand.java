package uk.ac.lsst.pipeline.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.config.SettingsException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueException;
import uk.ac.lsst.pipeline.crossmatch.catalogue.CatalogueSettings;
import uk.ac.lsst.pipeline.crossmatch.match.CrossMatcher;
import uk.ac.lsst.pipeline.crossmatch.match.LiveCatalogues;
import uk.ac.lsst.pipeline.crossmatch.offline.OfflineCrossmatch;
import uk.ac.lsst.pipeline.text.Counts;

/**
 * {@code pipeline xmatch}: crossmatch-service's matching, offline: catalogues from files, alerts from files or
 * positions from a CSV file, one JSON line per alert or position on standard output. Files that are not alerts,
 * alerts that cannot be matched and unreadable position lines are skipped and listed on stderr. Exit codes as
 * {@link OfflineInput}'s: 0 when everything was matched, 1 when some input was skipped, 2 for bad options, a
 * catalogue that cannot be loaded or no alert file at all.
 */
@Command(name = "xmatch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Match alert files or positions against catalogues, as crossmatch-service does, and print "
                + "one JSON line per alert or position.",
                "Catalogues: --catalogue FILE followed by the options of that catalogue (repeat for more), or "
                        + "--from-env to read CATALOGUES and CATALOGUE_<NAME>_* variables as the service does."},
        footer = {"", "Examples:",
                "  pipeline xmatch \\",
                "    --catalogue samples/catalogues/sdss_dr14_star_galaxy_qso_2k.csv \\",
                "      --name sdss --id-column plate,mjd,fiberid --type-column class \\",
                "      --carry redshift,r \\",
                "    --alerts samples/alerts",
                "  pipeline xmatch --catalogue gaia.fits --type STAR --radius-arcsec 1 \\",
                "    --positions targets.csv"})
public final class XmatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "0..*", heading = "Catalogue (repeatable):%n")
    List<CatalogueOptions> catalogues = new ArrayList<>();

    @Option(names = "--from-env", description = "Read the catalogues and classification rules from the environment "
            + "(CATALOGUES, CATALOGUE_<NAME>_*, CLASSIFY_*), as crossmatch-service does.")
    boolean fromEnv;

    @Option(names = "--alerts", paramLabel = "DIR", description = "Alert files (Avro OCF or Confluent wire format), "
            + "searched recursively; repeatable.")
    List<Path> alertDirs = new ArrayList<>();

    @Option(names = "--schema-dir", paramLabel = "DIR", description = "Rubin schemas laid out as <major.minor>/*.avsc"
            + " (needed for Confluent wire-format alerts).")
    Path schemaDir;

    @Option(names = "--positions", paramLabel = "FILE.csv", description = "Positions to match: ra,dec[,name] per "
            + "line, degrees or sexagesimal, optional header.")
    Path positions;

    @Option(names = "--vs-max-arcsec", paramLabel = "X", description = "Star within X: VS (default 1.5).")
    Double vsMaxArcsec;

    @Option(names = "--agn-max-arcsec", paramLabel = "X", description = "Quasar/AGN within X: AGN (default 1.5).")
    Double agnMaxArcsec;

    @Option(names = "--nt-max-arcsec", paramLabel = "X", description = "Galaxy within X: NT, farther: SN "
            + "(default 1.0).")
    Double ntMaxArcsec;

    /** The options of one catalogue. */
    static final class CatalogueOptions {
        @Option(names = "--catalogue", required = true, paramLabel = "FILE",
                description = "A catalogue file: FITS, VOTable, CSV, ECSV, ...")
        Path file;

        @Option(names = "--name", paramLabel = "NAME", description = "Its name in results (default: the file name without extension).")
        String name;

        @Option(names = "--format", paramLabel = "FORMAT", description = "STIL format: fits, votable, csv, ecsv, ... (default: auto).")
        String format = "auto";

        @Option(names = "--id-column", split = ",", paramLabel = "COL", description = "Id column(s), several joined "
                + "with '-'; $index = row number (default).")
        List<String> idColumns = new ArrayList<>();

        @Option(names = "--ra-column", paramLabel = "COL", description = "Right ascension: degrees or sexagesimal (default: ra).")
        String raColumn = "ra";

        @Option(names = "--dec-column", paramLabel = "COL", description = "Declination: degrees or sexagesimal (default: dec).")
        String decColumn = "dec";

        @Option(names = "--type-column", paramLabel = "COL", description = "Column of source types / classes.")
        String typeColumn;

        @Option(names = "--type", paramLabel = "KIND", description = "Kind of every source when there is no type "
                + "column: STAR, GALAXY, QSO, OTHER.")
        String type;

        @Option(names = "--type-map", split = ",", paramLabel = "VALUE:KIND", description = "Type values to kinds, "
                + "on top of STAR, GALAXY/GAL, QSO/AGN.")
        List<String> typeMap = new ArrayList<>();

        @Option(names = "--carry", split = ",", paramLabel = "COL", description = "Columns to copy into matches.")
        List<String> carry = new ArrayList<>();

        @Option(names = "--radius-arcsec", paramLabel = "R", description = "Match radius (default: 2).")
        double radiusArcsec = 2;
    }

    @Override
    public Integer call() {
        if ((positions == null) == alertDirs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either --alerts DIR or --positions FILE.csv");
        }
        if (fromEnv == !catalogues.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either --catalogue FILE ... or --from-env");
        }
        // stdout carries only JSON lines; logs, skipped inputs and the summary go to stderr
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OfflineInput input = new OfflineInput("xmatch", err);
        CatalogueSettings settings;
        try {
            settings = fromEnv ? settings(System.getenv()) : settings(optionsAsVariables());
        } catch (SettingsException e) {
            input.error(e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        }
        CrossMatcher matcher;
        try {
            matcher = new CrossMatcher(LiveCatalogues.load(settings), settings.rules());
        } catch (CatalogueException e) {
            input.error(e.getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        }
        OfflineCrossmatch offline = new OfflineCrossmatch(matcher, out, input::skipped);
        String against = " matched against " + Counts.of(settings.catalogues().size(), "catalogue") + ", ";
        if (positions != null) {
            return matchPositions(offline, input, against);
        }
        AlertDecoder decoder = new AlertDecoder(OfflineInput.schemas(spec, schemaDir), false, 64 * 1024 * 1024);
        Optional<AlertDiscovery> files = input.scan(alertDirs);
        if (files.isEmpty()) {
            return OfflineInput.EXIT_UNUSABLE;
        }
        OfflineCrossmatch.Outcome outcome = offline.matchAlerts(files.get(), decoder);
        input.summary(err, OfflineInput.alerts(outcome.matched()) + against
                + OfflineInput.skippedCount(outcome.skipped()));
        return OfflineInput.exitCode(outcome.skipped());
    }

    private int matchPositions(OfflineCrossmatch offline, OfflineInput input, String against) {
        OfflineCrossmatch.Outcome outcome;
        try {
            outcome = offline.matchPositions(positions);
        } catch (UncheckedIOException e) {
            input.error(e.getMessage() + ": " + e.getCause().getMessage());
            return OfflineInput.EXIT_UNUSABLE;
        }
        input.summary(spec.commandLine().getErr(), Counts.of(outcome.matched(), "position") + against
                + OfflineInput.skippedCount(outcome.skipped()));
        return OfflineInput.exitCode(outcome.skipped());
    }

    /** The catalogues and rules that {@code vars} describe, as the services read them. */
    static CatalogueSettings settings(Map<String, String> vars) {
        Env env = new Env(vars);
        CatalogueSettings settings = CatalogueSettings.fromEnv(env);
        env.check();
        return settings;
    }

    /** The options as the service's variables, so that the same code validates them. */
    private Map<String, String> optionsAsVariables() {
        Map<String, String> vars = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (CatalogueOptions c : catalogues) {
            String name = c.name != null ? c.name : stem(c.file);
            names.add(name);
            String p = "CATALOGUE_" + CatalogueSettings.key(name) + "_";
            vars.put(p + "FILE", c.file.toString());
            vars.put(p + "FORMAT", c.format);
            putList(vars, p + "ID_COLUMN", c.idColumns);
            vars.put(p + "RA_COLUMN", c.raColumn);
            vars.put(p + "DEC_COLUMN", c.decColumn);
            Optional.ofNullable(c.typeColumn).ifPresent(v -> vars.put(p + "TYPE_COLUMN", v));
            Optional.ofNullable(c.type).ifPresent(v -> vars.put(p + "TYPE", v));
            putList(vars, p + "TYPE_MAP", c.typeMap);
            putList(vars, p + "CARRY_COLUMNS", c.carry);
            vars.put(p + "RADIUS_ARCSEC", String.valueOf(c.radiusArcsec));
            vars.put(p + "RELOAD", "false");
        }
        vars.put("CATALOGUES", String.join(",", names));
        vars.put("CATALOGUE_RELOAD_INTERVAL", "0");
        Optional.ofNullable(vsMaxArcsec).ifPresent(v -> vars.put("CLASSIFY_VS_MAX_ARCSEC", v.toString()));
        Optional.ofNullable(agnMaxArcsec).ifPresent(v -> vars.put("CLASSIFY_AGN_MAX_ARCSEC", v.toString()));
        Optional.ofNullable(ntMaxArcsec).ifPresent(v -> vars.put("CLASSIFY_NT_MAX_ARCSEC", v.toString()));
        return vars;
    }

    private static void putList(Map<String, String> vars, String name, List<String> values) {
        if (!values.isEmpty()) {
            vars.put(name, String.join(",", values));
        }
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        for (String ext : Arrays.asList(".gz", ".fits", ".fit", ".vot", ".xml", ".csv", ".ecsv", ".parquet")) {
            if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
