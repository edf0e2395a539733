package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import uk.ac.lsst.pipeline.config.Env;
import uk.ac.lsst.pipeline.crossmatch.classify.ClassificationRules;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;

/**
 * The catalogues to match against and the classification rules, from environment variables. Catalogues are named
 * in a list and each is described by variables carrying its name (upper-cased, '-' as '_'):
 *
 * <pre>
 * CATALOGUES                       comma-separated catalogue names, e.g. sdss,demo                  (required)
 * CATALOGUE_&lt;NAME&gt;_FILE            the table file: FITS, VOTable, CSV, ECSV, ...                    (required)
 * CATALOGUE_&lt;NAME&gt;_FORMAT          a STIL format name (fits, votable, csv, ecsv, ...) or auto        (auto)
 * CATALOGUE_&lt;NAME&gt;_ID_COLUMN       id column; several (comma-separated) are joined with '-';
 *                                  $index = the 1-based row number                                 ($index)
 * CATALOGUE_&lt;NAME&gt;_RA_COLUMN       right ascension: degrees (or the unit its metadata states) or
 *                                  sexagesimal hours as text                                       (ra)
 * CATALOGUE_&lt;NAME&gt;_DEC_COLUMN      declination: degrees or sexagesimal degrees as text             (dec)
 * CATALOGUE_&lt;NAME&gt;_TYPE_COLUMN     the source type / class column                                  (none)
 * CATALOGUE_&lt;NAME&gt;_TYPE_MAP        type values to kinds, VALUE:KIND,... with KIND one of STAR, GALAXY, QSO
 *                                  (or AGN), OTHER; on top of the defaults STAR, GALAXY/GAL, QSO/AGN  (none)
 * CATALOGUE_&lt;NAME&gt;_TYPE            the kind of every source when there is no type column           (OTHER)
 * CATALOGUE_&lt;NAME&gt;_CARRY_COLUMNS   columns copied into each match, e.g. redshift,u,g,r              (none)
 * CATALOGUE_&lt;NAME&gt;_RADIUS_ARCSEC   match radius, (0, 3600]                                          (2)
 * CATALOGUE_&lt;NAME&gt;_RELOAD          reload the file when it changes on disk                          (true)
 * CATALOGUE_RELOAD_INTERVAL        how often files are checked for changes; 0 disables reloading     (PT10S)
 * CLASSIFY_VS_MAX_ARCSEC           star within this: VS                                             (1.5)
 * CLASSIFY_AGN_MAX_ARCSEC          quasar/AGN within this: AGN                                      (1.5)
 * CLASSIFY_NT_MAX_ARCSEC           galaxy within this: NT; farther (within the radius): SN          (1.0)
 * </pre>
 *
 * A variable {@code CATALOGUE_*} that belongs to no listed catalogue is reported, so a typo does not pass silently.
 *
 * @param catalogues     in the order listed
 * @param rules          classification rules
 * @param reloadInterval how often catalogue files are checked for changes; zero disables reloading
 */
public record CatalogueSettings(List<CatalogueSpec> catalogues, ClassificationRules rules, Duration reloadInterval) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final String PREFIX = "CATALOGUE_";
    private static final List<String> SUFFIXES = List.of("_FILE", "_FORMAT", "_ID_COLUMN", "_RA_COLUMN",
            "_DEC_COLUMN", "_TYPE_COLUMN", "_TYPE_MAP", "_TYPE", "_CARRY_COLUMNS", "_RADIUS_ARCSEC", "_RELOAD");

    public CatalogueSettings {
        catalogues = List.copyOf(catalogues);
    }

    /** Reads the variables; problems go to {@code env} (call {@link Env#check()} afterwards). */
    public static CatalogueSettings fromEnv(Env env) {
        List<String> names = env.list("CATALOGUES");
        if (names.isEmpty()) {
            env.problem("CATALOGUES is missing: expected comma-separated catalogue names, e.g. sdss, each described"
                    + " by CATALOGUE_<NAME>_FILE and friends");
        }
        Map<String, String> keys = new HashMap<>();
        List<CatalogueSpec> specs = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            if (names.indexOf(name) != names.lastIndexOf(name)) {
                env.problem("CATALOGUES: '" + name + "' is listed more than once");
            }
            if (!NAME.matcher(name).matches()) {
                env.problem("CATALOGUES: '" + name + "' is not a valid catalogue name: expected letters, digits, '-'"
                        + " and '_'");
                continue;
            }
            String key = key(name);
            String clash = keys.putIfAbsent(key, name);
            if (clash != null) {
                env.problem("CATALOGUES: '" + clash + "' and '" + name + "' both use variables " + PREFIX + key + "_*");
                continue;
            }
            readCatalogue(env, name, key).ifPresent(specs::add);
        }
        reportStrays(env, keys.keySet());
        ClassificationRules rules = new ClassificationRules(
                arcsec(env, "CLASSIFY_VS_MAX_ARCSEC", ClassificationRules.DEFAULTS.vsMaxArcsec()),
                arcsec(env, "CLASSIFY_AGN_MAX_ARCSEC", ClassificationRules.DEFAULTS.agnMaxArcsec()),
                arcsec(env, "CLASSIFY_NT_MAX_ARCSEC", ClassificationRules.DEFAULTS.ntMaxArcsec()));
        Duration interval = env.duration("CATALOGUE_RELOAD_INTERVAL", Duration.ofSeconds(10));
        return new CatalogueSettings(specs, rules, interval);
    }

    /** The variable-name part for a catalogue name: upper-cased, '-' as '_'. */
    public static String key(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Optional<CatalogueSpec> readCatalogue(Env env, String name, String key) {
        String p = PREFIX + key + "_";
        String file = env.required(p + "FILE", "the table file of catalogue " + name + " (FITS, VOTable, CSV, ECSV)");
        if (file != null && !Files.isReadable(Path.of(file))) {
            env.problem(p + "FILE='" + file + "' does not exist or cannot be read");
        }
        String format = env.string(p + "FORMAT", "auto");
        String base = (format.contains("(") ? format.substring(0, format.indexOf('(')) : format)
                .toLowerCase(Locale.ROOT);
        if (!base.equals("auto") && !CatalogueLoader.knownFormats().contains(base)) {
            env.problem(p + "FORMAT='" + format + "' is invalid: expected auto or one of "
                    + CatalogueLoader.knownFormats() + ", optionally with STIL options, e.g. csv(header=true)");
        }
        List<String> ids = env.list(p + "ID_COLUMN");
        if (ids.isEmpty()) {
            ids = List.of(CatalogueSpec.ROW_INDEX);
        } else if (ids.size() > 1 && ids.contains(CatalogueSpec.ROW_INDEX)) {
            env.problem(p + "ID_COLUMN='" + String.join(",", ids) + "' is invalid: " + CatalogueSpec.ROW_INDEX
                    + " cannot be combined with columns");
        }
        Optional<String> typeColumn = env.optional(p + "TYPE_COLUMN");
        Optional<SourceKind> fixed = env.optional(p + "TYPE").flatMap(t -> {
            Optional<SourceKind> kind = SourceKind.parse(t);
            if (kind.isEmpty()) {
                env.problem(p + "TYPE='" + t + "' is invalid: expected STAR, GALAXY, QSO (or AGN) or OTHER");
            }
            return kind;
        });
        if (fixed.isPresent() && typeColumn.isPresent()) {
            env.problem(p + "TYPE and " + p + "TYPE_COLUMN are both set: expected one (a fixed kind, or a column)");
        }
        Map<String, SourceKind> typeMap = typeMap(env, p + "TYPE_MAP");
        double radius = arcsec(env, p + "RADIUS_ARCSEC", 2.0);
        if (!(radius > 0 && radius <= 3600)) {
            env.problem(p + "RADIUS_ARCSEC='" + radius + "' is invalid: expected arcseconds in (0, 3600]");
            radius = 2.0;
        }
        boolean reload = env.bool(p + "RELOAD", true);
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(new CatalogueSpec(name, Path.of(file), format, ids, env.string(p + "RA_COLUMN", "ra"),
                env.string(p + "DEC_COLUMN", "dec"), typeColumn, fixed, typeMap, env.list(p + "CARRY_COLUMNS"),
                radius, reload));
    }

    private static Map<String, SourceKind> typeMap(Env env, String variable) {
        Map<String, SourceKind> map = new HashMap<>();
        for (String entry : env.list(variable)) {
            int colon = entry.lastIndexOf(':');
            Optional<SourceKind> kind = colon > 0 ? SourceKind.parse(entry.substring(colon + 1)) : Optional.empty();
            if (kind.isEmpty()) {
                env.problem(variable + ": '" + entry + "' is invalid: expected VALUE:KIND with KIND one of STAR,"
                        + " GALAXY, QSO (or AGN), OTHER");
            } else {
                map.put(entry.substring(0, colon).trim().toUpperCase(Locale.ROOT), kind.get());
            }
        }
        return map;
    }

    private static double arcsec(Env env, String variable, double defaultValue) {
        Optional<String> raw = env.optional(variable);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(raw.get());
            if (v >= 0 && v <= 3600) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        env.problem(variable + "='" + raw.get() + "' is invalid: expected a number of arcseconds from 0 to 3600");
        return defaultValue;
    }

    private static void reportStrays(Env env, Set<String> keys) {
        List<String> strays = env.namesStartingWith(PREFIX);
        for (String variable : strays) {
            String rest = variable.substring(PREFIX.length());
            // X_FILE may be the file form of variable X (see Env)
            List<String> meanings = rest.endsWith("_FILE")
                    ? List.of(rest, rest.substring(0, rest.length() - "_FILE".length())) : List.of(rest);
            if (meanings.stream().anyMatch(m -> m.equals("RELOAD_INTERVAL")
                    || keys.stream().anyMatch(k -> SUFFIXES.contains(m.startsWith(k + "_") ? m.substring(k.length()) : "")))) {
                continue;
            }
            if (meanings.stream().anyMatch(m -> SUFFIXES.stream().anyMatch(m::endsWith))) {
                env.problem(variable + " is set but belongs to no catalogue listed in CATALOGUES (whose variables"
                        + " are " + keys.stream().sorted().map(k -> PREFIX + k + "_*").toList() + ")");
            } else {
                env.problem(variable + " is not a catalogue setting: expected " + PREFIX + "<NAME>_ followed by one of "
                        + SUFFIXES.stream().map(x -> x.substring(1)).toList());
            }
        }
    }
}
