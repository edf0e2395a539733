package uk.ac.lsst.pipeline.crossmatch.catalogue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.ac.lsst.pipeline.crossmatch.classify.SourceKind;
import uk.ac.starlink.table.ColumnInfo;
import uk.ac.starlink.table.RowSequence;
import uk.ac.starlink.table.StarTable;
import uk.ac.starlink.table.StarTableFactory;

/**
 * Reads a catalogue file with STIL (FITS binary tables, VOTable, CSV, ECSV and the other formats STIL knows) into
 * a compact {@link Catalogue}, reading only the columns the {@link CatalogueSpec} names, in one sequential pass.
 *
 * <p>Rows whose position is missing or impossible (not a number, right ascension outside [0, 360], declination
 * outside [-90, 90]) or whose id is empty are skipped and counted; a warning names the first few. A column that does
 * not exist, a file that cannot be read as a table or a file with rows but none usable is a
 * {@link CatalogueException}. Progress (rows read, rate) is logged every {@code progressEvery}.
 * Thread-safe: each call works on its own state.
 */
public final class CatalogueLoader {
    private static final Logger log = LoggerFactory.getLogger(CatalogueLoader.class);
    /** STIL logs every format it tries at INFO through java.util.logging: keep that quiet (a strong reference). */
    private static final java.util.logging.Logger STIL_LOG = java.util.logging.Logger.getLogger("uk.ac.starlink");
    private static final int FIRST_SKIPPED = 5;
    private static final int CHECK_CLOCK_EVERY = 1 << 14;

    static {
        STIL_LOG.setLevel(Level.WARNING);
    }

    private final Duration progressEvery;

    public CatalogueLoader(Duration progressEvery) {
        this.progressEvery = progressEvery;
    }

    /** A loader that logs progress every 5 seconds. */
    public static CatalogueLoader withDefaults() {
        return new CatalogueLoader(Duration.ofSeconds(5));
    }

    /** The table formats STIL can read here, by name (for settings validation). */
    public static List<String> knownFormats() {
        return new StarTableFactory(false).getKnownFormats().stream().map(f -> f.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * @throws CatalogueException naming the catalogue and file: unreadable file, malformed table, missing column,
     *                            or no usable row
     */
    public Catalogue load(CatalogueSpec spec) {
        if (!Files.isReadable(spec.file())) {
            throw new CatalogueException("catalogue " + spec.name() + ": file " + spec.file()
                    + " does not exist or cannot be read");
        }
        FileStamp stamp = FileStamp.of(spec.file());
        TableFormat format = TableFormat.of(spec);
        StarTable table = open(spec, format);
        try {
            return read(spec, stamp, table, format);
        } finally {
            try {
                table.close();
            } catch (IOException e) {
                log.debug("closing catalogue {} failed: {}", spec.name(), e.toString());
            }
        }
    }

    private static StarTable open(CatalogueSpec spec, TableFormat format) {
        try {
            return new StarTableFactory(false).makeStarTable(spec.file().toString(), format.stil());
        } catch (IOException | RuntimeException e) {
            throw new CatalogueException("catalogue " + spec.name() + ": cannot read " + spec.file() + " as "
                    + format.describe() + ": " + e.getMessage() + format.advice(spec), e);
        }
    }

    /**
     * How a catalogue file is read.
     *
     * @param stil      the STIL format, null to let STIL detect it from the content and the name
     * @param delimiter for CSV, the field delimiter; null for other formats
     * @param detected  whether the delimiter was detected from the header line (rather than set)
     */
    record TableFormat(String stil, CsvDelimiter delimiter, boolean detected) {

        /**
         * {@code auto} on a {@code .csv} file (compressed or not) and plain {@code csv}: CSV with a header line
         * ({@code header=true}: STIL's guess takes a header of names for data when every column is text) and the
         * delimiter detected from it ({@link CsvDelimiter#of}); {@code csv(...)} with options: those options, plus
         * {@code header=true} unless they say otherwise; {@code auto} on other files: detected by STIL; anything
         * else as given.
         */
        static TableFormat of(CatalogueSpec spec) {
            String format = spec.format() == null ? "auto" : spec.format().trim();
            String lower = format.toLowerCase(Locale.ROOT);
            String file = spec.file().getFileName().toString().toLowerCase(Locale.ROOT)
                    .replaceAll("\\.(gz|bz2)$", "");
            if (lower.equals("csv") || (lower.equals("auto") && file.endsWith(".csv"))) {
                CsvDelimiter delimiter = detectDelimiter(spec);
                return new TableFormat(delimiter.stilFormat(), delimiter, true);
            }
            if (lower.startsWith("csv(")) {
                String options = lower.contains("header=") ? format : "csv(header=true," + format.substring(4);
                return new TableFormat(options, null, false);
            }
            return new TableFormat(lower.equals("auto") ? null : format, null, false);
        }

        private static CsvDelimiter detectDelimiter(CatalogueSpec spec) {
            try {
                return CsvDelimiter.of(spec.file());
            } catch (IOException e) {
                throw new CatalogueException("catalogue " + spec.name() + ": cannot read the header line of "
                        + spec.file() + ": " + e.getMessage(), e);
            }
        }

        private boolean isCsv() {
            return stil != null && stil.toLowerCase(Locale.ROOT).startsWith("csv");
        }

        /** What the file was read as, for messages: "CSV with ';' as the delimiter (detected ...)", "a fits table". */
        String describe() {
            if (delimiter != null) {
                return "CSV with " + delimiter.description() + " as the delimiter" + (detected
                        ? " (detected from the header line)" : "");
            }
            if (isCsv()) {
                return "CSV (" + stil + ")";
            }
            return stil == null ? "a table (format detected from content and name)" : "a " + stil + " table";
        }

        /** For CSV, how to read it with another delimiter or format; empty for other formats. */
        String advice(CatalogueSpec spec) {
            if (delimiter == null && !isCsv()) {
                return "";
            }
            return ". If the file has another delimiter, set CATALOGUE_" + CatalogueSettings.key(spec.name())
                    + "_FORMAT (pipeline xmatch: --format) to csv(delimiter=;), csv(delimiter=|), "
                    + "csv(delimiter=0x09) for tab or csv(delimiter=0x2c) for comma; or to another format (ecsv, "
                    + "votable, fits, ...)";
        }
    }

    private Catalogue read(CatalogueSpec spec, FileStamp stamp, StarTable table, TableFormat format) {
        Columns cols = Columns.resolve(spec, table);
        long expected = table.getRowCount();
        int capacity = expected > 0 && expected < Integer.MAX_VALUE ? (int) expected : 1 << 16;
        Rows rows = new Rows(spec, cols, capacity);
        long started = System.nanoTime();
        long lastReport = started;
        long rowNumber = 0;
        try (RowSequence seq = table.getRowSequence()) {
            while (seq.next()) {
                rowNumber++;
                rows.add(seq, rowNumber);
                if ((rowNumber & (CHECK_CLOCK_EVERY - 1)) == 0) {
                    long now = System.nanoTime();
                    if (now - lastReport >= progressEvery.toNanos()) {
                        lastReport = now;
                        double s = (now - started) / 1e9;
                        log.info("catalogue {}: {} rows read ({} rows/s){}", spec.name(), rowNumber,
                                Math.round(rowNumber / s), expected > 0
                                        ? String.format(Locale.ROOT, ", %.0f%% of %d", 100.0 * rowNumber / expected,
                                        expected) : "");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CatalogueException c) {
                throw c;
            }
            throw new CatalogueException("catalogue " + spec.name() + ": cannot read " + spec.file() + " after row "
                    + rowNumber + ": " + e.getMessage() + format.advice(spec), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LoadReport report = rows.report(rowNumber, seconds);
        if (report.rowsRead() > 0 && report.rowsKept() == 0) {
            throw new CatalogueException("catalogue " + spec.name() + ": none of the " + report.rowsRead()
                    + " rows of " + spec.file() + " is usable (" + String.join("; ", report.firstSkipped())
                    + "): check the column names and units");
        }
        if (report.rowsSkipped() > 0) {
            log.warn("catalogue {}: skipped {} of {} rows {}; first: {}", spec.name(), report.rowsSkipped(),
                    report.rowsRead(), report.skippedByReason(), String.join("; ", report.firstSkipped()));
        }
        Catalogue catalogue = rows.build(stamp, report);
        log.info("catalogue {}: loaded {} sources from {} in {} s ({} rows/s, ~{} MB in memory)", spec.name(),
                catalogue.size(), spec.file(), String.format(Locale.ROOT, "%.2f", seconds),
                Math.round(report.rowsPerSecond()), catalogue.heapBytes() >> 20);
        return catalogue;
    }

    /** Indexes of the columns the spec names, checked against the table. */
    private record Columns(int ra, ColumnInfo raInfo, int dec, ColumnInfo decInfo, int[] ids, ColumnInfo[] idInfos,
                           int type, int[] carried, ColumnInfo[] carriedInfos) {

        static Columns resolve(CatalogueSpec spec, StarTable table) {
            Map<String, Integer> exact = new HashMap<>();
            Map<String, List<Integer>> folded = new HashMap<>();
            for (int i = 0; i < table.getColumnCount(); i++) {
                String name = table.getColumnInfo(i).getName();
                exact.putIfAbsent(name, i);
                folded.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
            }
            List<String> missing = new ArrayList<>();
            java.util.function.Function<String, Integer> find = name -> {
                Integer i = exact.get(name);
                if (i == null) {
                    List<Integer> candidates = folded.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
                    i = candidates.size() == 1 ? candidates.get(0) : null;
                }
                if (i == null) {
                    missing.add(name);
                    return -1;
                }
                return i;
            };
            int ra = find.apply(spec.raColumn());
            int dec = find.apply(spec.decColumn());
            boolean rowIndex = spec.idColumns().equals(List.of(CatalogueSpec.ROW_INDEX));
            int[] ids = rowIndex ? new int[0] : spec.idColumns().stream().mapToInt(find::apply).toArray();
            int type = spec.typeColumn().map(find).orElse(-1);
            int[] carried = spec.carryColumns().stream().mapToInt(find::apply).toArray();
            if (!missing.isEmpty()) {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < table.getColumnCount(); i++) {
                    names.add(table.getColumnInfo(i).getName());
                }
                throw new CatalogueException("catalogue " + spec.name() + ": no column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " in " + spec.file() + "; its columns are: "
                        + String.join(", ", names));
            }
            return new Columns(ra, table.getColumnInfo(ra), dec, table.getColumnInfo(dec), ids,
                    infos(table, ids), type, carried, infos(table, carried));
        }

        private static ColumnInfo[] infos(StarTable table, int[] indexes) {
            ColumnInfo[] infos = new ColumnInfo[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                infos[i] = table.getColumnInfo(indexes[i]);
            }
            return infos;
        }
    }

    /** The columns being filled, row by row. */
    private static final class Rows {
        private final CatalogueSpec spec;
        private final Columns cols;
        private final AngleColumn ra;
        private final AngleColumn dec;
        private final Growable.Doubles raDeg;
        private final Growable.Doubles decDeg;
        private final boolean numericIds;
        private final Growable.Longs longIds;
        private final StringPool textIds;
        private final Growable.Bytes typeCodes;
        private final Map<String, Integer> typeDictionary = new LinkedHashMap<>();
        private final Object[] carried;
        private final BitSet[] carriedNulls;
        private final Map<String, Long> skipped = new LinkedHashMap<>();
        private final List<String> firstSkipped = new ArrayList<>();
        private int kept;

        Rows(CatalogueSpec spec, Columns cols, int capacity) {
            this.spec = spec;
            this.cols = cols;
            this.ra = AngleColumn.of(cols.raInfo(), true, spec.name(), log::warn);
            this.dec = AngleColumn.of(cols.decInfo(), false, spec.name(), log::warn);
            this.raDeg = new Growable.Doubles(capacity);
            this.decDeg = new Growable.Doubles(capacity);
            this.numericIds = cols.ids().length == 0
                    || (cols.ids().length == 1 && isInteger(cols.idInfos()[0].getContentClass()));
            this.longIds = numericIds ? new Growable.Longs(capacity) : null;
            this.textIds = numericIds ? null : new StringPool(capacity, (int) Math.min(Integer.MAX_VALUE - 16, capacity * 12L));
            this.typeCodes = cols.type() >= 0 ? new Growable.Bytes(capacity) : null;
            this.carried = new Object[cols.carried().length];
            this.carriedNulls = new BitSet[cols.carried().length];
            for (int c = 0; c < carried.length; c++) {
                Class<?> type = cols.carriedInfos()[c].getContentClass();
                if (type == Double.class || type == Float.class) {
                    carried[c] = new Growable.Doubles(capacity);
                } else if (isInteger(type)) {
                    carried[c] = new Growable.Longs(capacity);
                    carriedNulls[c] = new BitSet();
                } else {
                    carried[c] = new StringPool(capacity, (int) Math.min(Integer.MAX_VALUE - 16, capacity * 8L));
                }
            }
        }

        void add(RowSequence seq, long rowNumber) throws IOException {
            double r;
            double d;
            try {
                r = ra.degrees(seq.getCell(cols.ra()));
                d = dec.degrees(seq.getCell(cols.dec()));
            } catch (IllegalArgumentException e) {
                skip(LoadReport.BAD_POSITION, rowNumber, e.getMessage());
                return;
            }
            if (r == 360) {
                r = 0;
            }
            if (!(r >= 0 && r < 360 && d >= -90 && d <= 90)) {
                skip(LoadReport.BAD_POSITION, rowNumber, "ra=" + r + ", dec=" + d
                        + " (expected ra in [0, 360] and dec in [-90, 90] degrees)");
                return;
            }
            Object id = id(seq, rowNumber);
            if (id == null) {
                skip(LoadReport.MISSING_ID, rowNumber, "empty id " + String.join(",", spec.idColumns()));
                return;
            }
            if (kept == Integer.MAX_VALUE - 16) {
                throw new CatalogueException("catalogue " + spec.name() + " has more than " + kept
                        + " rows: too many for one catalogue (split it)");
            }
            raDeg.add(r);
            decDeg.add(d);
            if (numericIds) {
                longIds.add((Long) id);
            } else {
                textIds.add((String) id);
            }
            if (typeCodes != null) {
                typeCodes.add(typeCode(seq.getCell(cols.type())));
            }
            for (int c = 0; c < carried.length; c++) {
                addCarried(c, seq.getCell(cols.carried()[c]));
            }
            kept++;
        }

        private Object id(RowSequence seq, long rowNumber) throws IOException {
            if (cols.ids().length == 0) {
                return rowNumber;
            }
            if (numericIds) {
                Object cell = seq.getCell(cols.ids()[0]);
                return cell == null ? null : ((Number) cell).longValue();
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < cols.ids().length; i++) {
                String part = text(seq.getCell(cols.ids()[i]));
                if (part == null || part.isBlank()) {
                    return null;
                }
                if (i > 0) {
                    sb.append('-');
                }
                sb.append(part.trim());
            }
            return sb.toString();
        }

        private byte typeCode(Object cell) {
            String value = text(cell);
            value = value == null || value.isBlank() ? null : value.trim();
            Integer code = typeDictionary.get(value);
            if (code == null) {
                if (typeDictionary.size() == TypeColumn.MAX_VALUES) {
                    throw new CatalogueException("catalogue " + spec.name() + ": type column "
                            + spec.typeColumn().orElseThrow() + " has more than " + TypeColumn.MAX_VALUES
                            + " distinct values: expected a class such as STAR/GALAXY/QSO");
                }
                code = typeDictionary.size();
                typeDictionary.put(value, code);
            }
            return (byte) (int) code;
        }

        private void addCarried(int c, Object cell) {
            if (carried[c] instanceof Growable.Doubles doubles) {
                doubles.add(cell == null ? Double.NaN : ((Number) cell).doubleValue());
            } else if (carried[c] instanceof Growable.Longs longs) {
                if (cell == null) {
                    carriedNulls[c].set(kept);
                    longs.add(0);
                } else {
                    longs.add(((Number) cell).longValue());
                }
            } else {
                ((StringPool) carried[c]).add(text(cell));
            }
        }

        private void skip(String reason, long rowNumber, String why) {
            skipped.merge(reason, 1L, Long::sum);
            if (firstSkipped.size() < FIRST_SKIPPED) {
                firstSkipped.add("row " + rowNumber + ": " + why);
            }
        }

        LoadReport report(long rowsRead, double seconds) {
            return new LoadReport(rowsRead, kept, skipped, firstSkipped, seconds);
        }

        Catalogue build(FileStamp stamp, LoadReport report) {
            SourceIds ids = numericIds ? new SourceIds.Numeric(longIds.toArray()) : new SourceIds.Text(textIds.trim());
            TypeColumn types = null;
            if (typeCodes != null) {
                List<String> values = new ArrayList<>(typeDictionary.keySet());
                List<SourceKind> kinds = values.stream().map(spec::kindOf).toList();
                types = new TypeColumn(typeCodes.toArray(), java.util.Collections.unmodifiableList(values), kinds);
            }
            List<CarriedColumn> columns = new ArrayList<>();
            for (int c = 0; c < carried.length; c++) {
                String name = spec.carryColumns().get(c);
                if (carried[c] instanceof Growable.Doubles doubles) {
                    columns.add(new CarriedColumn.Floating(name, doubles.toArray()));
                } else if (carried[c] instanceof Growable.Longs longs) {
                    columns.add(new CarriedColumn.Integral(name, longs.toArray(), carriedNulls[c]));
                } else {
                    columns.add(new CarriedColumn.Text(name, ((StringPool) carried[c]).trim()));
                }
            }
            return new Catalogue(spec, stamp, raDeg.toArray(), decDeg.toArray(), ids, types, columns, report);
        }

        private static boolean isInteger(Class<?> type) {
            return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class;
        }

        /** A cell as text; integral floating-point values without a fraction (CSV columns read as doubles). */
        private static String text(Object cell) {
            if (cell == null) {
                return null;
            }
            if ((cell instanceof Double || cell instanceof Float)) {
                double v = ((Number) cell).doubleValue();
                if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    return Long.toString((long) v);
                }
            }
            if (cell.getClass().isArray()) {
                return arrayText(cell);
            }
            return cell.toString();
        }

        private static String arrayText(Object array) {
            StringBuilder sb = new StringBuilder("[");
            int n = java.lang.reflect.Array.getLength(array);
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(java.lang.reflect.Array.get(array, i));
            }
            return sb.append(']').toString();
        }
    }
}
