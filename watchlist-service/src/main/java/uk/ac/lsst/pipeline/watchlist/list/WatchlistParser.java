package uk.ac.lsst.pipeline.watchlist.list;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a watch-list file in one of two formats, rejecting it as a whole, with every bad line and why, if any line
 * is bad. Blank lines and lines starting with {@code #} are skipped in both formats.
 *
 * <ul>
 *   <li>{@link Format#CSV}: a header line naming the columns {@code ra}, {@code dec}, {@code name} and optionally
 *   {@code radius_arcsec} (in any order, case-insensitive), then one source per line, comma-separated; a field
 *   may be double-quoted ({@code "a, b"}, {@code ""} for a quote).</li>
 *   <li>{@link Format#LASAIR}: Lasair's {@code RA|Dec|name} lines, optionally with a 4th field radius in arcsec;
 *   no header (a first line {@code RA|Dec|...} is taken as one and skipped).</li>
 * </ul>
 *
 * Positions are decimal degrees (ICRS); RA in [0, 360), Dec in [-90, 90]; radii in arcsec, (0, 3600]. A source
 * without a radius gets the default radius. Names must be unique in the file. Stateless and thread-safe.
 */
public final class WatchlistParser {

    /** Watch-list file formats. */
    public enum Format {
        /** {@link #LASAIR} when the first data line contains '|', else {@link #CSV}. */
        AUTO,
        CSV,
        LASAIR
    }

    private static final String EXPECTED_HEADER = "ra,dec,name[,radius_arcsec]";
    /** Plain decimal numbers only: no NaN, Infinity, hex or Java's d/f suffixes. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private WatchlistParser() {
    }

    /** Reads a UTF-8 file. */
    public static List<WatchlistSource> parse(Path file, Format format, double defaultRadiusArcsec)
            throws IOException, WatchlistFileException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8), format, defaultRadiusArcsec);
    }

    /**
     * @param what                names the input in the exception message (a file name)
     * @param lines               the lines of the file, without line terminators
     * @param defaultRadiusArcsec radius of sources that state none; must itself be valid
     * @return the sources in file order
     * @throws WatchlistFileException listing every problem, each with its 1-based line number
     */
    public static List<WatchlistSource> parse(String what, List<String> lines, Format format,
                                              double defaultRadiusArcsec) throws WatchlistFileException {
        String radiusProblem = Limits.radiusProblem(defaultRadiusArcsec);
        if (radiusProblem != null) {
            throw new WatchlistFileException(what, List.of(new LineProblem(0, "default " + radiusProblem)));
        }
        List<LineProblem> problems = new ArrayList<>();
        List<WatchlistSource> sources = new ArrayList<>();
        Map<String, Integer> firstLineOfName = new HashMap<>();
        Columns columns = null;
        Format actual = format;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (actual == Format.AUTO) {
                actual = trimmed.contains("|") ? Format.LASAIR : Format.CSV;
            }
            List<String> fields;
            if (actual == Format.CSV) {
                fields = splitCsv(line, lineNumber, problems);
                if (fields == null) {
                    continue;
                }
                if (columns == null) {
                    columns = Columns.fromHeader(fields, lineNumber, problems);
                    if (columns == null) {
                        break; // without a header no line can be read; the header problem says why
                    }
                    continue;
                }
            } else {
                fields = splitPipes(trimmed);
                if (columns == null) {
                    columns = Columns.LASAIR;
                    if (!fields.isEmpty() && fields.get(0).equalsIgnoreCase("ra")) {
                        continue; // a header line
                    }
                }
            }
            WatchlistSource source = source(fields, columns, lineNumber, defaultRadiusArcsec, problems);
            if (source != null) {
                Integer first = firstLineOfName.putIfAbsent(source.name(), lineNumber);
                if (first != null) {
                    problems.add(new LineProblem(lineNumber, "duplicate name '" + source.name()
                            + "' (first on line " + first + ")"));
                } else {
                    sources.add(source);
                }
            }
        }
        if (problems.isEmpty() && sources.isEmpty()) {
            problems.add(new LineProblem(0, "no sources: the file has no data lines"));
        }
        if (!problems.isEmpty()) {
            throw new WatchlistFileException(what, problems);
        }
        return List.copyOf(sources);
    }

    /** One data line; null (with problems recorded) when it is bad. */
    private static WatchlistSource source(List<String> fields, Columns columns, int line, double defaultRadius,
                                          List<LineProblem> problems) {
        if (fields.size() < columns.min || fields.size() > columns.max) {
            problems.add(new LineProblem(line, "expected " + columns.expectedCount() + " columns (" + columns.describe
                    + "), found " + fields.size()));
            return null;
        }
        int before = problems.size();
        String name = fields.get(columns.name).strip();
        if (name.isEmpty()) {
            problems.add(new LineProblem(line, "name is empty"));
        } else if (name.length() > Limits.MAX_NAME_CHARS) {
            problems.add(new LineProblem(line, "name is longer than " + Limits.MAX_NAME_CHARS + " characters"));
        }
        double ra = number(fields.get(columns.ra), "RA", line, problems);
        if (!Double.isNaN(ra)) {
            check(Limits.raProblem(ra), line, problems);
        }
        double dec = number(fields.get(columns.dec), "Dec", line, problems);
        if (!Double.isNaN(dec)) {
            check(Limits.decProblem(dec), line, problems);
        }
        double radius = defaultRadius;
        if (columns.radius >= 0 && columns.radius < fields.size() && !fields.get(columns.radius).isBlank()) {
            radius = number(fields.get(columns.radius), "radius", line, problems);
            if (!Double.isNaN(radius)) {
                check(Limits.radiusProblem(radius), line, problems);
            }
        }
        return problems.size() == before ? new WatchlistSource(name, ra, dec, radius) : null;
    }

    /** The number, or NaN with a problem recorded when it is not a finite decimal number. */
    private static double number(String field, String what, int line, List<LineProblem> problems) {
        String s = field.strip();
        if (DECIMAL.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        problems.add(new LineProblem(line, what + " '" + s + "' is not a decimal number"));
        return Double.NaN;
    }

    private static void check(String problem, int line, List<LineProblem> problems) {
        if (problem != null) {
            problems.add(new LineProblem(line, problem));
        }
    }

    private static List<String> splitPipes(String line) {
        List<String> fields = new ArrayList<>();
        for (String f : line.split("\\|", -1)) {
            fields.add(f.strip());
        }
        return fields;
    }

    /** Splits one CSV line; a field may be double-quoted. Null (problem recorded) for an unterminated quote. */
    static List<String> splitCsv(String line, int lineNumber, List<LineProblem> problems) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().strip());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            problems.add(new LineProblem(lineNumber, "unterminated double quote"));
            return null;
        }
        fields.add(wasQuoted ? field.toString() : field.toString().strip());
        return fields;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Where each field is in a line. */
    private record Columns(int ra, int dec, int name, int radius, int min, int max, String describe) {
        static final Columns LASAIR = new Columns(0, 1, 2, 3, 3, 4, "RA|Dec|name[|radius_arcsec]");

        String expectedCount() {
            return min == max ? String.valueOf(min) : min + " or " + max;
        }

        static Columns fromHeader(List<String> header, int line, List<LineProblem> problems) {
            Map<String, Integer> index = new HashMap<>();
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (!List.of("ra", "dec", "name", "radius_arcsec").contains(column)) {
                    bad.add("'" + header.get(i) + "'");
                } else if (index.putIfAbsent(column, i) != null) {
                    bad.add("'" + header.get(i) + "' (twice)");
                }
            }
            if (!bad.isEmpty() || !index.keySet().containsAll(List.of("ra", "dec", "name"))) {
                problems.add(new LineProblem(line, "expected a header line " + EXPECTED_HEADER + ", found '"
                        + String.join(",", header) + "'" + (bad.isEmpty() ? "" : ": unknown column " + String.join(", ", bad))));
                return null;
            }
            int n = header.size();
            return new Columns(index.get("ra"), index.get("dec"), index.get("name"),
                    index.getOrDefault("radius_arcsec", -1), n, n, String.join(",", header));
        }
    }
}
